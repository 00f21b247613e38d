import { describe, expect, it } from "vitest";
import { rememberUnit, startFirstReads } from "./first-reads.js";

function started(url: string): string[] {
  window.history.replaceState(null, "", url);
  const urls: string[] = [];
  const fetcher = ((input: string) => {
    urls.push(input);
    return Promise.resolve(new Response("{}"));
  }) as typeof fetch;
  startFirstReads({}, fetcher);
  return urls;
}

describe("first reads of 我的任务", () => {
  it("start the unit's checklist and the plan list for /my with a unit, and for / once an office signed in here", () => {
    expect(started("/my?unit=%E6%88%90%E9%83%BD%E5%B8%82%3A%E5%B8%82%E5%A7%94%E7%BC%96%E5%8A%9E")).toEqual([
      `/api/units/${encodeURIComponent("成都市:市委编办")}/checklist?limit=2000`,
      "/api/plans",
    ]);
    expect(started("/")).toEqual([]);
    rememberUnit({ role: "office", unitId: "成都市:市政府法制办" });
    expect(started("/")).toEqual([`/api/units/${encodeURIComponent("成都市:市政府法制办")}/checklist?limit=2000`, "/api/plans"]);
    expect(started("/plans")).toEqual([]);
    // Signed out, or anyone but an office: no hint.
    rememberUnit(null);
    expect(started("/")).toEqual([]);
    rememberUnit({ role: "admin", unitId: null });
    expect(started("/my")).toEqual([]);
  });
});
