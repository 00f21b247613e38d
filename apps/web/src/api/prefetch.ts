/**
 * GET requests a page will make, started while the app's script is still
 * loading, so they run in parallel with it and with `/api/session` instead
 * of after it. The API client's fetch (`prefetchingFetch`) hands each one to
 * the first request for the same URL with the same auth headers; anything
 * not asked for soon is dropped.
 */
const UNIT_HINT_KEY = "taizhang.unit";
const KEEP_MS = 15_000;

interface Early {
  response: Promise<Response>;
  auth: string;
  at: number;
}

const early = new Map<string, Early>();

/** The API URLs the page at `location` will ask for first (`unitHint`: the office's unit from the last session). */
export function firstRequests(location: { pathname: string; search: string }, unitHint: string | null): string[] {
  const path = location.pathname.replace(/\/+$/, "") || "/";
  const urls = ["/api/session"];
  const unit = new URLSearchParams(location.search).get("unit") ?? unitHint;
  // 我的任务 (and the home page of an office): its checklist and the plan list, as my-tasks-page.tsx asks for them.
  if ((path === "/my" || (path === "/" && unitHint)) && unit) urls.push(`/api/units/${encodeURIComponent(unit)}/checklist`, "/api/plans");
  return urls;
}

const authKey = (headers: Record<string, string>) => headers.authorization ?? "";

function readUnitHint(): string | null {
  try {
    return window.localStorage.getItem(UNIT_HINT_KEY);
  } catch {
    return null;
  }
}

/** Starts the first requests of the current page. */
export function startPrefetch(authHeaders: Record<string, string>, fetcher: typeof fetch = fetch): void {
  const at = Date.now();
  for (const url of firstRequests(window.location, readUnitHint())) {
    const response = fetcher(url, { headers: { accept: "application/json", ...authHeaders }, credentials: "same-origin" });
    // A failed prefetch is not an error of its own: the page's request gets the same failure, or asks again.
    response.catch(() => undefined);
    early.set(url, { response, auth: authKey(authHeaders), at });
  }
}

function forgetUnit(): void {
  try {
    window.localStorage.removeItem(UNIT_HINT_KEY);
  } catch {
    // Without localStorage there is no hint to forget.
  }
}

function rememberUnit(response: Response): void {
  response
    .clone()
    .json()
    .then((info: { role?: string; unitId?: string | null }) => {
      if (info.role === "office" && info.unitId) window.localStorage.setItem(UNIT_HINT_KEY, info.unitId);
      else forgetUnit();
    })
    .catch(() => undefined);
}

/** A fetch for the API client: a prefetched answer when one matches, the network otherwise. */
export function prefetchingFetch(fetcher: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? "GET").toUpperCase();
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const hit = method === "GET" ? early.get(url) : undefined;
    if (hit) early.delete(url);
    const response = hit && hit.auth === authKey(headers) && Date.now() - hit.at < KEEP_MS ? await hit.response.catch(() => fetcher(input, init)) : await fetcher(input, init);
    if (method === "GET" && url === "/api/session") {
      if (response.ok) rememberUnit(response);
      else if (response.status === 401) forgetUnit();
    }
    return response;
  };
}
