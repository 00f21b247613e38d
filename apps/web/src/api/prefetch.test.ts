import { describe, expect, test, vi } from "vitest";
import { firstRequests, prefetchingFetch, startPrefetch } from "./prefetch.js";

const unit = "成都市:市政府法制办";
const checklist = `/api/units/${encodeURIComponent(unit)}/checklist`;

describe("firstRequests", () => {
  test("我的任务 with a unit asks for the session, its checklist and the plans at once", () => {
    expect(firstRequests({ pathname: "/my", search: `?unit=${encodeURIComponent(unit)}` }, null)).toEqual(["/api/session", checklist, "/api/plans"]);
    expect(firstRequests({ pathname: "/", search: "" }, unit)).toEqual(["/api/session", checklist, "/api/plans"]);
    expect(firstRequests({ pathname: "/plans", search: "" }, unit)).toEqual(["/api/session"]);
    expect(firstRequests({ pathname: "/my", search: "" }, null)).toEqual(["/api/session"]);
  });
});

describe("prefetchingFetch", () => {
  test("hands a prefetched answer to the first matching GET only, with the same auth", async () => {
    window.history.replaceState(null, "", `/my?unit=${encodeURIComponent(unit)}`);
    const network = vi.fn(async (input: RequestInfo | URL) => new Response(JSON.stringify({ url: String(input) }), { status: 200 }));
    startPrefetch({}, network as typeof fetch);
    expect(network).toHaveBeenCalledTimes(3);
    const fetcher = prefetchingFetch(network as typeof fetch);
    expect(await (await fetcher(checklist, { method: "GET", headers: {} })).json()).toEqual({ url: checklist });
    expect(network).toHaveBeenCalledTimes(3);
    // Taken once: the next request goes to the network; a different token never gets another's answer.
    await fetcher(checklist, { method: "GET", headers: {} });
    expect(network).toHaveBeenCalledTimes(4);
    await fetcher("/api/plans", { method: "GET", headers: { authorization: "Bearer other" } });
    expect(network).toHaveBeenCalledTimes(5);
  });
});
