import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { ImportWarningResponse, PlanResponse } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";

const ImportResponse = z.object({ plan: PlanResponse, warnings: z.array(ImportWarningResponse), stored: z.boolean(), action: z.enum(["inserted", "updated", "unchanged"]).nullable() });

// A page as saved from a city government's site: navigation, the article, a footer.
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>绵阳市人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/bsfw">办事服务</a></div>
<div class="content" id="zoom">
<p>绵阳市法治政府建设实施方案(2016—2020年)</p><p>各县市区人民政府，市政府各部门：列第一位者为牵头单位。</p>
<p>一、主要任务</p>
<p>1.深化行政审批制度改革。2016年年底前公布清单。（市审改办、市政务服务中心负责）</p>
<p>2.推行政府权力清单制度。2017年6月底前公布权力清单。（市委编办、市法制办负责）</p>
</div><div class="footer">版权所有：绵阳市人民政府 网站地图</div></body></html>`;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const upload = (form: FormData, query = "") =>
  t.app.request(`/api/import${query}`, { method: "POST", headers: { Authorization: `Bearer ${t.tokens.admin}` }, body: form });
const unitNames = (plan: z.infer<typeof PlanResponse>, ids: readonly string[]) => ids.map((id) => plan.units.find((u) => u.id === id)?.name);

describe("import of plan files", () => {
  test("multipart: a saved web page is read from its content, and its bytes are what the provenance names", async () => {
    const form = new FormData();
    form.set("file", new File([PAGE], "fawen.aspx", { type: "application/octet-stream" }));
    const result = await expectJson(await upload(form, "?dryRun=true"), ImportResponse);
    expect(result.plan.tasks.map((task) => [task.number, task.title])).toEqual([
      [1, "深化行政审批制度改革"],
      [2, "推行政府权力清单制度"],
    ]);
    expect(unitNames(result.plan, result.plan.tasks[0]?.lead ?? [])).toEqual(["市审改办"]);
    expect(result.plan.provenance.sourceFiles[0]).toMatchObject({ name: "fawen.aspx", format: "html", sha256: createHash("sha256").update(PAGE).digest("hex") });
    expect(result.plan.tasks.flatMap((task) => task.text)).not.toContain("首页");
  });

  test("multipart with corrections: the admin's units and deadlines are what is stored", async () => {
    const form = new FormData();
    form.set("file", new File([PAGE], "plan.html"));
    form.set("id", "mianyang-upload");
    form.set("corrections", JSON.stringify({ tasks: [{ number: 2, lead: ["市委编办"], responsible: ["市司法局"], milestones: [{ due: "2017-09-30", phrase: "2017年6月底前" }] }] }));
    const result = await expectJson(await upload(form), ImportResponse, 201);
    const task2 = result.plan.tasks[1];
    expect(unitNames(result.plan, task2?.responsible ?? [])).toEqual(["市司法局"]);
    expect(task2?.milestones.map((m) => m.due)).toEqual(["2017-09-30"]);
    expect(result.warnings.map((w) => w.code)).toContain("corrected");
    const stored = await expectJson(await t.app.request("/api/plans/mianyang-upload"), z.object({ tasks: z.array(z.object({ milestones: z.array(z.object({ due: z.string() })) })) }).passthrough());
    expect(stored.tasks[1]?.milestones.map((m) => m.due)).toEqual(["2017-09-30"]);
  });

  test("a task table as the raw .xlsx body", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("分工");
    sheet.addRow(["绵阳市2016年法治政府建设任务分工"]);
    sheet.mergeCells("A1:D1");
    sheet.addRow(["序号", "工作任务", "牵头单位", "完成时限"]);
    sheet.addRow([1, "深化行政审批制度改革。", "市审改办", "2016年12月"]);
    sheet.addRow([2, "推行政府权力清单制度。", "市委编办", "2017年6月底前"]);
    const body = new Uint8Array(await workbook.xlsx.writeBuffer());
    const res = await t.app.request("/api/import?dryRun=true", {
      method: "POST",
      headers: { Authorization: `Bearer ${t.tokens.admin}`, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
      body,
    });
    const result = await expectJson(res, ImportResponse);
    expect(result.plan.tasks.map((task) => [task.number, unitNames(result.plan, task.lead), task.milestones.map((m) => m.due)])).toEqual([
      [1, ["市审改办"], ["2016-12-31"]],
      [2, ["市委编办"], ["2017-06-30"]],
    ]);
    expect(result.plan.provenance.sourceFiles[0]?.format).toBe("xlsx");
  });

  test("a file that cannot be read, a form without a file and bad corrections are refused with what was wrong", async () => {
    const pdf = await t.app.request("/api/import", {
      method: "POST",
      headers: { Authorization: `Bearer ${t.tokens.admin}`, "Content-Type": "application/pdf" },
      body: "%PDF-1.4\n%broken",
    });
    expect((await expectProblem(pdf, "import-failed")).code).toBe("damaged-file");
    const empty = new FormData();
    empty.set("id", "x");
    await expectProblem(await upload(empty), "validation-failed");
    const bad = new FormData();
    bad.set("file", new File([PAGE], "plan.html"));
    bad.set("corrections", JSON.stringify({ tasks: [{ number: 0 }] }));
    const problem = await expectProblem(await upload(bad), "validation-failed");
    expect(JSON.stringify(problem)).toContain("body.corrections.tasks.0.number");
    const unknown = new FormData();
    unknown.set("file", new File([PAGE], "plan.html"));
    unknown.set("corrections", JSON.stringify({ tasks: [{ number: 7, lead: ["市司法局"] }] }));
    expect((await expectProblem(await upload(unknown), "import-failed")).code).toBe("invalid-correction");
  });
});
