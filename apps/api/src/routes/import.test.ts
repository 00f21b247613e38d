import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { ChecklistResponse, ImportWarningResponse, PlanResponse, PlanSummaryResponse } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";

const TEXT = readFileSync(new URL("../__fixtures__/mianyang-2016.txt", import.meta.url), "utf8");
const ImportResponse = z.object({
  plan: PlanResponse,
  warnings: z.array(ImportWarningResponse),
  stored: z.boolean(),
  action: z.enum(["inserted", "updated", "unchanged"]).nullable(),
});

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const post = (token: string | null, body: string, contentType: string, query = "") =>
  t.app.request(`/api/import${query}`, {
    method: "POST",
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), "Content-Type": contentType },
    body,
  });
const planIds = async () =>
  (await expectJson(await t.app.request("/api/plans"), z.object({ items: z.array(PlanSummaryResponse) }))).items.map((p) => p.id);

describe("import", () => {
  test("a dry run answers the plan and its warnings and stores nothing", async () => {
    const result = await expectJson(await post(t.tokens.admin, TEXT, "text/plain; charset=utf-8", "?dryRun=true"), ImportResponse);
    expect(result).toMatchObject({ stored: false, action: null });
    expect(result.plan.id).toBe("mianyang-2016");
    expect(result.plan.tasks.map((task) => task.title)).toEqual(["深化行政审批制度改革", "推行政府权力清单制度", "加强政府立法工作", "加强组织领导"]);
    expect(result.plan.tasks[0]?.milestones.map((m) => m.due)).toEqual(["2016-12-31", "2017-06-30"]);
    expect(await planIds()).not.toContain("mianyang-2016");
  });

  test("text/plain is imported and stored like the built-in plans; its checklist is ready", async () => {
    const result = await expectJson(await post(t.tokens.admin, TEXT, "text/plain"), ImportResponse, 201);
    expect(result).toMatchObject({ stored: true, action: "inserted" });
    expect(await planIds()).toContain("mianyang-2016");
    const checklist = await expectJson(await t.app.request("/api/plans/mianyang-2016/checklist"), ChecklistResponse);
    expect(checklist.items.map((e) => e.item.id)).toContain("mianyang-2016/1#m1");
  });

  test("JSON {text, id} with another id; warnings come back", async () => {
    const gappy = TEXT.replace("3.加强政府立法工作", "5.加强政府立法工作");
    const result = await expectJson(await post(t.tokens.admin, JSON.stringify({ text: gappy, id: "mianyang-test" }), "application/json"), ImportResponse, 201);
    expect(result.plan.id).toBe("mianyang-test");
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(result.warnings).toEqual(result.plan.provenance.warnings);
    expect(await planIds()).toContain("mianyang-test");
  });

  test("an id already stored → 409 unless replace=true", async () => {
    await expectJson(await post(t.tokens.admin, TEXT, "text/plain"), ImportResponse, 201);
    await expectProblem(await post(t.tokens.admin, TEXT, "text/plain"), "plan-exists");
    const again = await expectJson(await post(t.tokens.admin, TEXT, "text/plain", "?replace=true"), ImportResponse, 201);
    expect(again.action).toBe("unchanged");
  });

  test("a plan over an import limit → 422 plan-too-large naming the limit, what was found and the task", async () => {
    await t.close();
    t = await createTestApp({ planLimits: { maxTasks: 2000, maxUnitsPerTask: 200, maxMilestonesPerTask: 1, maxChecklistRows: 50_000 } });
    const problem = await expectProblem(await post(t.tokens.admin, TEXT, "text/plain", "?dryRun=true"), "plan-too-large");
    expect(problem.status).toBe(422);
    expect(problem.detail).toBe("task 1 names milestones: 2, more than the 1 allowed (TAIZHANG_IMPORT_MAX_MILESTONES_PER_TASK)".replace("names milestones", "has milestones"));
    expect(problem.limit).toEqual({ name: "TAIZHANG_IMPORT_MAX_MILESTONES_PER_TASK", value: 1 });
    await t.close();
    t = await createTestApp({ planLimits: { maxTasks: 2000, maxUnitsPerTask: 200, maxMilestonesPerTask: 50, maxChecklistRows: 3 } });
    const rows = await expectProblem(await post(t.tokens.admin, TEXT, "text/plain"), "plan-too-large");
    expect(rows.detail).toMatch(/^the plan's checklist would hold \d+ rows, more than the 3 allowed \(TAIZHANG_IMPORT_MAX_ROWS\); the limit is passed at task 1$/);
    expect(await planIds()).not.toContain("mianyang-2016");
  });

  test("text that is no plan → 422 with the importer's code", async () => {
    const problem = await expectProblem(await post(t.tokens.admin, "hello world", "text/plain"), "import-failed");
    expect(problem.code).toBe("not-a-plan");
    const empty = await expectProblem(await post(t.tokens.admin, JSON.stringify({ text: "   \n" }), "application/json"), "import-failed");
    expect(empty.code).toBe("empty-input");
  });

  test("admins only; bad bodies and types are refused", async () => {
    await expectProblem(await post(t.tokens.officeA, TEXT, "text/plain"), "forbidden");
    await expectProblem(await post(t.tokens.viewer, TEXT, "text/plain"), "forbidden");
    await expectProblem(await post(null, TEXT, "text/plain"), "unauthorized");
    // A plan file may come as any of its types (application/pdf, .docx, …; the bytes decide); an image never.
    await expectProblem(await post(t.tokens.admin, TEXT, "image/png"), "unsupported-media-type");
    await expectProblem(await post(t.tokens.admin, "{", "application/json"), "malformed-json");
    await expectProblem(await post(t.tokens.admin, JSON.stringify({ text: TEXT, id: "Bad Id" }), "application/json"), "validation-failed");
    await expectProblem(await post(t.tokens.admin, TEXT, "text/plain", "?id=Bad_Id"), "validation-failed");
    expect(await planIds()).not.toContain("mianyang-2016");
  });

  test("imports may be larger than other bodies, up to their own limit", async () => {
    const big = `${TEXT}\n${"说明。".repeat(200_000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    const result = await expectJson(await post(t.tokens.admin, big, "text/plain", "?dryRun=true"), ImportResponse);
    expect(result.plan.id).toBe("mianyang-2016");
    const huge = "字".repeat(2 * 1024 * 1024);
    await expectProblem(await post(t.tokens.admin, huge, "text/plain"), "payload-too-large");
  });
});
