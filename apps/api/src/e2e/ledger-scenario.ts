import { expect } from "vitest";
import { z } from "zod";
import { ProblemSchema } from "../problem.js";
import { HistoryEntryResponse, pageOf, PlanSummaryResponse, ProgressResponse, TokenRecordSchema } from "@taizhang/contract";
import type { ServerProcess } from "./server-process.js";

export const UNIT_A = "成都市:市政府法制办";
export const UNIT_B = "成都市:市委编办";
const ITEM = "chengdu-2015/1/task";

/** What the first run leaves behind, for the run after the restart to find. */
export interface FirstRun {
  admin: string;
  officeA: string;
  officeB: string;
  progressA: z.infer<typeof ProgressResponse>;
  historyIds: number[];
}

const json = async <S extends z.ZodType>(res: Response, schema: S, status = 200): Promise<z.infer<S>> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return schema.parse(JSON.parse(text));
};
const problem = async (res: Response, status: number, type: string) => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = ProblemSchema.parse(JSON.parse(text));
  expect(body.type).toBe(`https://taizhang.dev/problems/${type}`);
  return body;
};

/**
 * The first life of a server: read plans, mint office tokens through the
 * API, update progress, see history, a stale If-Match, office A refused on
 * unit B.
 */
export async function firstRun(server: ServerProcess): Promise<FirstRun> {
  const admin = server.adminToken;
  expect(admin, server.output()).toMatch(/^tz_/);
  if (admin === null) throw new Error("no admin token printed");
  const post = (path: string, token: string, body: object) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });

  // Reading is open.
  const plans = await json(await fetch(`${server.url}api/plans`), z.object({ items: z.array(PlanSummaryResponse) }));
  expect(plans.items.map((p) => p.id).sort()).toEqual(["baotou-2016", "chengdu-2015", "hohhot-2015", "inner-mongolia-2021"]);
  expect((await fetch(`${server.url}healthz`)).status).toBe(200);
  expect((await fetch(`${server.url}readyz`)).status).toBe(200);

  const Created = z.object({ token: z.string(), record: TokenRecordSchema });
  const officeA = await json(await post("api/tokens", admin, { role: "office", unit: UNIT_A }), Created, 201);
  const officeB = await json(await post("api/tokens", admin, { role: "office", unit: "市审改办" }), Created, 201);
  expect(officeB.record.unitId).toBe(UNIT_B);

  const path = (unit: string) => `${server.url}api/progress/${ITEM}/${encodeURIComponent(unit)}`;
  const patch = (token: string, unit: string, version: string | null, body: object) =>
    fetch(path(unit), {
      method: "PATCH",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...(version ? { "If-Match": version } : {}) },
      body: JSON.stringify(body),
    });

  const before = await fetch(path(UNIT_A));
  expect(before.headers.get("etag")).toBe('"0"');
  const progressA = await json(await patch(officeA.token, UNIT_A, '"0"', { status: "in_progress", percent: 40, note: "已完成初稿" }), ProgressResponse);
  expect(progressA).toMatchObject({ version: 1, status: "in_progress", updatedBy: "市政府法制办 office" });

  await problem(await patch(officeA.token, UNIT_A, null, { percent: 50 }), 428, "precondition-required");
  const stale = await problem(await patch(officeA.token, UNIT_A, '"0"', { status: "done" }), 412, "stale-version");
  expect(stale.current).toEqual(progressA);
  await problem(await patch(officeA.token, UNIT_B, '"0"', { status: "done" }), 403, "forbidden");
  const b = await json(await fetch(path(UNIT_B)), ProgressResponse);
  expect(b).toMatchObject({ version: 0, status: "not_started" });

  const progressB = await json(await patch(officeB.token, UNIT_B, '"0"', { status: "blocked", note: "等待批复" }), ProgressResponse);
  expect(progressB.version).toBe(1);

  const history = await json(await fetch(`${server.url}api/history/plans/chengdu-2015`), pageOf(HistoryEntryResponse));
  expect(history.items.map((h) => [h.unitId, h.version, h.after.status])).toEqual([
    [UNIT_B, 1, "blocked"],
    [UNIT_A, 1, "in_progress"],
  ]);
  return { admin, officeA: officeA.token, officeB: officeB.token, progressA, historyIds: history.items.map((h) => h.id) };
}

/** The second life: no new admin token, every write and token still there, plans not loaded twice. */
export async function afterRestart(server: ServerProcess, first: FirstRun): Promise<void> {
  expect(server.adminToken).toBeNull();
  expect(server.output()).not.toContain("built-in plans loaded");
  const plans = await json(await fetch(`${server.url}api/plans`), z.object({ items: z.array(PlanSummaryResponse) }));
  expect(plans.items).toHaveLength(4);

  const a = await json(await fetch(`${server.url}api/progress/${ITEM}/${encodeURIComponent(UNIT_A)}`), ProgressResponse);
  expect(a).toEqual(first.progressA);
  const history = await json(await fetch(`${server.url}api/history/plans/chengdu-2015`), pageOf(HistoryEntryResponse));
  expect(history.items.map((h) => h.id)).toEqual(first.historyIds);

  // The tokens survived too: office A writes on from version 1.
  const next = await fetch(`${server.url}api/progress/${ITEM}/${encodeURIComponent(UNIT_A)}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${first.officeA}`, "Content-Type": "application/json", "If-Match": '"1"' },
    body: JSON.stringify({ status: "done", percent: 100 }),
  });
  expect((await json(next, ProgressResponse)).version).toBe(2);
  const tokens = await json(
    await fetch(`${server.url}api/tokens`, { headers: { Authorization: `Bearer ${first.admin}` } }),
    z.object({ items: z.array(TokenRecordSchema) }),
  );
  expect(tokens.items).toHaveLength(3);
}
