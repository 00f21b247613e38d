/**
 * The first reads of an office's 我的任务 (at /my, or / for an office that
 * signed in here before), started by the entry script while the app's own
 * chunk is still loading, so they run alongside it and the session's request
 * instead of after it. Plain fetches: this module is in the entry chunk, which
 * carries no client or schemas; boot.tsx hands the answers to the query cache
 * (a failed one is asked again through the client).
 */
import { CHECKLIST_PAGE } from "./paging.js";
export interface FirstReads {
  unitId: string;
  /** `GET /api/units/{unitId}/checklist` (the contract's unitChecklist). */
  checklist: Promise<Response>;
  /** `GET /api/plans` (listPlans). */
  plans: Promise<Response>;
}

const UNIT_HINT_KEY = "taizhang.unit";

function readUnitHint(): string | null {
  try {
    return window.localStorage.getItem(UNIT_HINT_KEY);
  } catch {
    return null;
  }
}

/** Remembers an office's unit for the next page load's first reads (anyone else: none). */
export function rememberUnit(info: { role: string; unitId: string | null } | null): void {
  try {
    if (info?.role === "office" && info.unitId) window.localStorage.setItem(UNIT_HINT_KEY, info.unitId);
    else window.localStorage.removeItem(UNIT_HINT_KEY);
  } catch {
    // Without localStorage there is no hint to keep.
  }
}

/** Starts the current page's first reads, if it is an office's 我的任务. */
export function startFirstReads(authHeaders: Record<string, string>, fetcher: typeof fetch = fetch): FirstReads | null {
  const path = window.location.pathname.replace(/\/+$/, "") || "/";
  const hint = readUnitHint();
  const unitId = new URLSearchParams(window.location.search).get("unit") ?? hint;
  if (!unitId || !(path === "/my" || (path === "/" && hint))) return null;
  const get = (url: string) => {
    const response = fetcher(url, { headers: { accept: "application/json", ...authHeaders }, credentials: "same-origin" });
    // A failed read is not an error of its own: the page asks again through the client.
    response.catch(() => undefined);
    return response;
  };
  return { unitId, checklist: get(`/api/units/${encodeURIComponent(unitId)}/checklist?limit=${CHECKLIST_PAGE}`), plans: get("/api/plans") };
}
