import type { ApiClient } from "./client.js";
import type { CallerInfo } from "@taizhang/contract";
import { isStatus } from "./api-error.js";

export type SessionInfo = CallerInfo;

/**
 * How the signed-in state is kept: the only module that knows.
 *
 * Preferred: the server's session endpoint (`POST /api/session`) checks the
 * token and sets an httpOnly cookie, so page scripts never hold the token.
 * Fallback, while a server offers no such endpoint (it answers 404/405): the
 * token stays in sessionStorage (gone when the tab closes, never in a URL)
 * and goes out as a bearer header. Switching means changing this file only.
 */
const STORAGE_KEY = "taizhang.token";

/** The caller of a signed-in session answer (without its `signedIn` flag). */
function callerOf({ tokenId, name, role, unitId }: CallerInfo): SessionInfo {
  return { tokenId, name, role, unitId };
}

export type SessionMode = "cookie" | "storage";

function readStoredToken(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    // sessionStorage may be disabled; then there is no stored session.
    return null;
  }
}

function isMissingEndpoint(error: unknown): boolean {
  return isStatus(error, 404, 405);
}

export interface SessionKeeper {
  /** Headers that authenticate API calls (a bearer token in storage mode only). */
  authHeaders: () => Record<string, string>;
  /** The current session, if any (on page load). */
  restore: (api: ApiClient) => Promise<SessionInfo | null>;
  signIn: (api: ApiClient, token: string) => Promise<SessionInfo>;
  signOut: (api: ApiClient) => Promise<void>;
  mode: () => SessionMode;
}

/** Creates the keeper of the signed-in state. */
export function createSessionKeeper(): SessionKeeper {
  let token: string | null = readStoredToken();
  let mode: SessionMode = token ? "storage" : "cookie";

  const keep = (next: string | null) => {
    token = next;
    try {
      if (next) window.sessionStorage.setItem(STORAGE_KEY, next);
      else window.sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Without sessionStorage the token lives in memory until the page reloads.
    }
  };

  return {
    authHeaders: (): Record<string, string> => (mode === "storage" && token ? { authorization: `Bearer ${token}` } : {}),
    mode: () => mode,
    async restore(api) {
      try {
        // A visit without a session is answered 200 `signedIn: false` (no 401 in the console).
        const session = await api.op.getSession();
        if (!session.signedIn) {
          if (mode === "storage") keep(null);
          return null;
        }
        return callerOf(session);
      } catch (error) {
        if (isStatus(error, 401) || isMissingEndpoint(error)) {
          if (isStatus(error, 401) && mode === "storage") keep(null);
          return null;
        }
        throw error;
      }
    },
    async signIn(api, candidate) {
      try {
        mode = "cookie";
        return await api.op.signIn({ json: { token: candidate } });
      } catch (error) {
        if (!isMissingEndpoint(error)) throw error;
      }
      mode = "storage";
      keep(candidate);
      try {
        const session = await api.op.getSession();
        if (session.signedIn) return callerOf(session);
        throw new Error("the server did not accept the token");
      } catch (error) {
        keep(null);
        mode = "cookie";
        throw error;
      }
    },
    async signOut(api) {
      if (mode === "storage") {
        keep(null);
        mode = "cookie";
        return;
      }
      await api.op.signOut();
    },
  };
}
