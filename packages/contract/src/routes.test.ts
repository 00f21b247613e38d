import { describe, expect, it } from "vitest";
import { fillPath, itemIdOf, itemPathParams, PROBLEMS, problemCodeOf, problemType, queryString, routes, successSchema, taskPathParams } from "./index.js";

describe("the route table", () => {
  it("names every route by its operationId, once, with one method and path each", () => {
    const seen = new Set<string>();
    for (const [key, route] of Object.entries(routes)) {
      expect(route.operationId).toBe(key);
      const where = `${route.method} ${route.path}`;
      expect(seen.has(where), where).toBe(false);
      seen.add(where);
    }
  });

  it("declares every path parameter of a path in its params schema, and no other", () => {
    for (const route of Object.values(routes)) {
      const inPath = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const request = "request" in route ? (route.request as { params?: { shape: Record<string, unknown> } }) : {};
      expect(Object.keys(request.params?.shape ?? {}).sort(), route.operationId).toEqual(inPath);
    }
  });

  it("gives every JSON route a success schema, and file routes none", () => {
    expect(successSchema(routes.getTask)).not.toBeNull();
    expect(successSchema(routes.signOut)).toBeNull();
  });
});

describe("requests", () => {
  it("fills path parameters URI-encoded and refuses a missing one", () => {
    expect(fillPath(routes.unitChecklist.path, { unitId: "成都市:市委编办" })).toBe("/api/units/%E6%88%90%E9%83%BD%E5%B8%82%3A%E5%B8%82%E5%A7%94%E7%BC%96%E5%8A%9E/checklist");
    expect(fillPath(routes.getTask.path, taskPathParams("chengdu-2015/12"))).toBe("/api/tasks/chengdu-2015/12");
    expect(() => fillPath(routes.getTask.path, { planId: "chengdu-2015" })).toThrow(/number/);
  });

  it("writes query fields, leaving out empty ones", () => {
    expect(queryString({ overdue: true, limit: 50, q: "复议", none: undefined, empty: "" })).toBe("?overdue=true&limit=50&q=%E5%A4%8D%E8%AE%AE");
    expect(queryString({})).toBe("");
  });

  it("turns item ids into path parameters and back", () => {
    expect(itemPathParams("chengdu-2015/12#m1")).toEqual({ planId: "chengdu-2015", number: 12, item: "m1" });
    expect(itemIdOf({ planId: "chengdu-2015", number: 12, item: "task" })).toBe("chengdu-2015/12#task");
    expect(() => itemPathParams("chengdu-2015/12")).toThrow(/not a checklist item id/);
  });
});

describe("problems", () => {
  it("reads a problem type back to its code, and nothing else", () => {
    for (const code of Object.keys(PROBLEMS) as Array<keyof typeof PROBLEMS>) expect(problemCodeOf(problemType(code))).toBe(code);
    expect(problemCodeOf("about:blank")).toBeNull();
    expect(problemCodeOf("https://taizhang.dev/problems/no-such-thing")).toBeNull();
  });
});
