import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLedger } from "@taizhang/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../main.js";

// Made-up plans of two sibling districts of 成都市: same-named offices, different 文号.
const FIXTURES = join(import.meta.dirname, "..", "__fixtures__");
const JINJIANG = join(FIXTURES, "chengdu-jinjiang-2024.txt");
const WUHOU = join(FIXTURES, "chengdu-wuhou-2024.txt");

let data = "";
beforeEach(() => {
  data = mkdtempSync(join(tmpdir(), "taizhang-import-"));
});
afterEach(() => rmSync(data, { recursive: true, force: true }));

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: data });
  return { code, stdout, stderr };
}

describe("taizhang import of a district's plan", () => {
  it("previews the id, the jurisdiction and the units, storing nothing", async () => {
    const { code, stdout } = await run(["import", JINJIANG, "--dry-run"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/id\s+chengdu-jinjiang-2024/);
    expect(stdout).toMatch(/jurisdiction\s+锦江区 \(county 县级, in 成都市\); units are 成都市锦江区:…/);
    expect(stdout).toContain("  成都市锦江区:区司法局");
    expect(stdout).toContain("not stored (dry run)");
  });

  it("takes the jurisdiction and id the admin sets", async () => {
    const { code, stdout } = await run(["import", JINJIANG, "--jurisdiction", "青羊区", "--parent", "成都市"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/id\s+chengdu-qingyang-2024/);
    expect(stdout).toContain("成都市青羊区:区司法局");
    expect((await run(["import", JINJIANG, "--jurisdiction", "青羊区"])).code).toBe(0);
    expect((await run(["import", JINJIANG, "--jurisdiction", "青羊区", "--level", "county"])).code).toBe(1);
    expect((await run(["import", JINJIANG, "--parent", "成都市"])).code).toBe(1);
    expect((await run(["import", JINJIANG, "--replace"])).code).toBe(1);
  });

  it("stores both siblings apart, and replaces a different plan under one id only with --replace-different", async () => {
    expect((await run(["import", JINJIANG, "--store", "--data", data])).code).toBe(0);
    expect((await run(["import", WUHOU, "--store", "--data", data])).code).toBe(0);
    const again = await run(["import", WUHOU, "--id", "chengdu-jinjiang-2024", "--store", "--data", data]);
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(/^taizhang import: 已存有编号相同的规划;用 --replace 替换\n/);
    expect(again.stderr).not.toMatch(/replace=true|already stored/);
    const differs = await run(["import", WUHOU, "--id", "chengdu-jinjiang-2024", "--store", "--replace", "--data", data]);
    expect(differs.code).toBe(5);
    expect(differs.stderr).toContain("锦府发〔2024〕3号");
    expect(differs.stderr).toContain("武府发〔2024〕5号");
    expect(differs.stderr).toMatch(/^taizhang import: 已存的同编号规划标题、文号或辖区不同;确认后用 --replace-different 替换\n/);
    const preview = await run(["import", WUHOU, "--id", "chengdu-jinjiang-2024", "--store", "--replace", "--dry-run", "--data", data]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/stored plan\s+chengdu-jinjiang-2024 .*锦府发〔2024〕3号/);

    const ledger = await openLedger({ dataDir: data });
    try {
      const plans = await ledger.listPlans();
      expect(plans.map((p) => [p.id, p.documentNumber])).toEqual([
        ["chengdu-jinjiang-2024", "锦府发〔2024〕3号"],
        ["chengdu-wuhou-2024", "武府发〔2024〕5号"],
      ]);
      expect((await ledger.resolveUnit("区司法局")).map((u) => u.id).sort()).toEqual(["成都市武侯区:区司法局", "成都市锦江区:区司法局"].sort());
    } finally {
      await ledger.close();
    }
    expect((await run(["import", WUHOU, "--id", "chengdu-jinjiang-2024", "--store", "--replace", "--replace-different", "--data", data])).code).toBe(0);
  });

  it("asks for the jurisdiction before storing one the importer is unsure of", async () => {
    const chaoyang = join(data, "chaoyang.txt");
    const { readFileSync, writeFileSync } = await import("node:fs");
    writeFileSync(chaoyang, readFileSync(JINJIANG, "utf8").replaceAll("锦江区", "朝阳区").replaceAll("成都市", ""));
    const refused = await run(["import", chaoyang, "--store", "--data", data]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("--jurisdiction");
    const stored = await run(["import", chaoyang, "--store", "--jurisdiction", "朝阳区", "--parent", "北京市", "--data", data]);
    expect(stored.code).toBe(0);
    expect(stored.stdout).toMatch(/inserted beijing-chaoyang-2024/);
  });
});
