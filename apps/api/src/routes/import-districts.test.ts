import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { PlanHeadingSchema } from "@taizhang/core";
import { ImportWarningResponse, PlanResponse } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, type TestApp } from "../test-support/test-app.js";

// Two made-up plans of sibling districts of 成都市, same-named offices (区司法局, 区委编办), different 文号 and titles.
const fixture = (name: string) => readFileSync(new URL(`../__fixtures__/${name}.txt`, import.meta.url), "utf8");
const JINJIANG = fixture("chengdu-jinjiang-2024");
const WUHOU = fixture("chengdu-wuhou-2024");
const ImportResponse = z.object({
  plan: PlanResponse,
  warnings: z.array(ImportWarningResponse),
  stored: z.boolean(),
  action: z.enum(["inserted", "updated", "unchanged"]).nullable(),
  existing: PlanHeadingSchema.nullable(),
  differs: z.array(z.enum(["title", "documentNumber", "jurisdiction"])),
  jurisdictionConfirmed: z.boolean(),
});

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const post = (body: Record<string, unknown>, query = "") =>
  t.app.request(`/api/import${query}`, { method: "POST", headers: asCaller(t.tokens.admin), body: JSON.stringify(body) });
const office = async (unitId: string) => (await t.ledger.createToken({ name: `${unitId} office`, role: "office", unitId: unitId as never })).token;

describe("district plans (issue 14, blocker)", () => {
  test("the dry run shows the id, the jurisdiction and the units a district's plan would be stored with", async () => {
    const preview = await expectJson(await post({ text: JINJIANG }, "?dryRun=true"), ImportResponse);
    expect(preview).toMatchObject({ stored: false, existing: null, differs: [], jurisdictionConfirmed: true });
    expect(preview.plan.id).toBe("chengdu-jinjiang-2024");
    expect(preview.plan.jurisdiction).toEqual({ name: "锦江区", level: "county", parent: "成都市" });
    expect(preview.plan.units.map((u) => u.id)).toContain("成都市锦江区:区司法局");
  });

  test("two sibling districts are two plans with their own units: 锦江区's 区司法局 cannot edit 武侯区's items", async () => {
    const jinjiang = await expectJson(await post({ text: JINJIANG }), ImportResponse, 201);
    const wuhou = await expectJson(await post({ text: WUHOU }), ImportResponse, 201);
    expect([jinjiang.plan.id, wuhou.plan.id]).toEqual(["chengdu-jinjiang-2024", "chengdu-wuhou-2024"]);
    const token = await office("成都市锦江区:区司法局");
    const theirs = wuhou.plan.tasks.find((task) => task.lead.includes("成都市武侯区:区司法局" as never));
    if (!theirs) throw new Error("武侯区's 区司法局 leads no task");
    const patch = (unitId: string) =>
      t.app.request(`/api/progress/${theirs.planId}/${theirs.number}/task/${encodeURIComponent(unitId)}`, {
        method: "PATCH",
        headers: asCaller(token, { "If-Match": '"0"' }),
        body: JSON.stringify({ status: "done" }),
      });
    await expectProblem(await patch("成都市武侯区:区司法局"), "forbidden");
    await expectProblem(await patch("成都市锦江区:区司法局"), "not-found");
    const mine = jinjiang.plan.tasks.find((task) => task.lead.includes("成都市锦江区:区司法局" as never));
    if (!mine) throw new Error("锦江区's 区司法局 leads no task");
    const own = await t.app.request(`/api/progress/${mine.planId}/${mine.number}/task/${encodeURIComponent("成都市锦江区:区司法局")}`, {
      method: "PATCH",
      headers: asCaller(token, { "If-Match": '"0"' }),
      body: JSON.stringify({ status: "in_progress" }),
    });
    expect(own.status).toBe(200);
  });

  test("replacing a stored plan whose title or 文号 differ needs replaceDifferent, else 409 naming both", async () => {
    await expectJson(await post({ text: JINJIANG }), ImportResponse, 201);
    // 武侯区's text under 锦江区's id, as the web form's one checkbox used to do.
    const preview = await expectJson(await post({ text: WUHOU, id: "chengdu-jinjiang-2024" }, "?dryRun=true"), ImportResponse);
    expect(preview.existing).toMatchObject({ id: "chengdu-jinjiang-2024", documentNumber: "锦府发〔2024〕3号" });
    expect(preview.differs).toEqual(["title", "documentNumber", "jurisdiction"]);
    await expectProblem(await post({ text: WUHOU, id: "chengdu-jinjiang-2024" }), "plan-exists");
    const refused = await expectProblem(await post({ text: WUHOU, id: "chengdu-jinjiang-2024" }, "?replace=true"), "plan-differs");
    expect(refused.detail).toContain("锦府发〔2024〕3号");
    expect(refused.detail).toContain("武府发〔2024〕5号");
    expect(refused.existing?.title).toContain("锦江区");
    expect(refused.incoming?.title).toContain("武侯区");
    const plan = await expectJson(await t.app.request("/api/plans/chengdu-jinjiang-2024"), PlanResponse);
    expect(plan.documentNumber).toBe("锦府发〔2024〕3号");
    const replaced = await expectJson(await post({ text: WUHOU, id: "chengdu-jinjiang-2024" }, "?replace=true&replaceDifferent=true"), ImportResponse, 201);
    expect(replaced.action).toBe("updated");
    // The same plan again (a corrected text of the same title and 文号) needs replace only.
    const again = await expectJson(await post({ text: `${WUHOU}\n`, id: "chengdu-jinjiang-2024" }, "?replace=true"), ImportResponse, 201);
    expect(again.stored).toBe(true);
  });

  test("an admin sets the jurisdiction; one the importer is unsure of must be confirmed before storing", async () => {
    const set = await expectJson(await post({ text: JINJIANG, jurisdiction: { name: "青羊区", level: "county", parent: "成都市" } }, "?dryRun=true"), ImportResponse);
    expect(set.plan.id).toBe("chengdu-qingyang-2024");
    expect(set.plan.units.every((u) => u.id.startsWith("成都市青羊区:"))).toBe(true);
    const bad = await expectProblem(await post({ text: JINJIANG, jurisdiction: { name: "青羊区", level: "county", parent: null } }), "import-failed");
    expect(bad.code).toBe("invalid-jurisdiction");
    await expectProblem(await post({ text: JINJIANG, jurisdiction: { name: "青羊区", level: "town", parent: "成都市" } }), "validation-failed");

    const chaoyang = JINJIANG.replaceAll("锦江区", "朝阳区").replaceAll("成都市", "").replaceAll("锦府发", "朝政发");
    const unsure = await expectJson(await post({ text: chaoyang }, "?dryRun=true"), ImportResponse);
    expect(unsure.jurisdictionConfirmed).toBe(false);
    expect(unsure.warnings.map((w) => w.code)).toContain("jurisdiction-ambiguous");
    await expectProblem(await post({ text: chaoyang }), "jurisdiction-unconfirmed");
    const confirmed = await expectJson(await post({ text: chaoyang, jurisdiction: { name: "朝阳区", level: "county", parent: "北京市" } }), ImportResponse, 201);
    expect(confirmed.plan.id).toBe("beijing-chaoyang-2024");
    expect(confirmed.plan.units[0]?.id.startsWith("北京市朝阳区:")).toBe(true);
  });
});
