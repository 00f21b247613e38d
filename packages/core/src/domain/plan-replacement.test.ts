import { describe, expect, it } from "vitest";
import { decideReplacement, type PlanHeading } from "./plan-replacement.js";

const jinjiang: PlanHeading = {
  id: "chengdu-2024",
  title: "锦江区法治政府建设实施方案(2024-2025年)",
  documentNumber: "锦府发〔2024〕3号",
  issuer: "成都市锦江区人民政府",
  jurisdiction: { name: "锦江区", level: "county", parent: "成都市" },
};
const wuhou: PlanHeading = {
  ...jinjiang,
  title: "武侯区法治政府建设实施方案(2024-2025年)",
  documentNumber: "武府发〔2024〕5号",
  issuer: "成都市武侯区人民政府",
  jurisdiction: { name: "武侯区", level: "county", parent: "成都市" },
};

describe("decideReplacement", () => {
  it("stores a new id; a stored one only with replace", () => {
    expect(decideReplacement(null, jinjiang, { replace: false, replaceDifferent: false })).toEqual({ ok: true, action: "insert" });
    const refused = decideReplacement(jinjiang, jinjiang, { replace: false, replaceDifferent: false });
    expect(refused).toMatchObject({ ok: false, code: "plan-exists", differs: [] });
    expect(decideReplacement(jinjiang, { ...jinjiang, issuer: "锦江区政府" }, { replace: true, replaceDifferent: false })).toEqual({ ok: true, action: "replace" });
  });

  it("replaces a plan whose title, 文号 or jurisdiction differ only when that is confirmed too, naming both", () => {
    const refused = decideReplacement(jinjiang, wuhou, { replace: true, replaceDifferent: false });
    expect(refused).toMatchObject({ ok: false, code: "plan-differs", differs: ["title", "documentNumber", "jurisdiction"] });
    if (refused.ok) throw new Error("refused");
    expect(refused.message).toContain("锦府发〔2024〕3号");
    expect(refused.message).toContain("武府发〔2024〕5号");
    expect(decideReplacement(jinjiang, { ...jinjiang, documentNumber: null }, { replace: true, replaceDifferent: false })).toMatchObject({ ok: false, differs: ["documentNumber"] });
    expect(decideReplacement(jinjiang, wuhou, { replace: true, replaceDifferent: true })).toEqual({ ok: true, action: "replace" });
  });
});
