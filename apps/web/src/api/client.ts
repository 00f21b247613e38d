import { TaizhangClient } from "@taizhang/client";

export interface WebClientOptions {
  /** Where the API lives; "" for the page's own origin (production and the Vite proxy). */
  baseUrl?: string;
  /** A fetch to use instead of the browser's (tests: the real app's `app.request`, tooling/test-kit). */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Headers that authenticate a request (none with a cookie session; a bearer token in storage mode). */
  authHeaders?: () => Record<string, string>;
}

/**
 * The web's client of the API: `@taizhang/client` on the page's origin with
 * the session cookie (`credentials: same-origin`). Answers are not checked
 * against the contract's schemas here (the types are; the API validates what
 * it sends in its own tests), to keep a 1,000-row checklist fast to read.
 */
export function createWebClient(options: WebClientOptions = {}): TaizhangClient {
  return new TaizhangClient({
    baseUrl: options.baseUrl ?? "",
    credentials: "same-origin",
    validate: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.authHeaders ? { headers: options.authHeaders } : {}),
  });
}

export type ApiClient = TaizhangClient;
