import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtInPlans, MODEL_DOCUMENT_NAMES } from "@taizhang/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo } from "../../test-support/temp-store.js";
import { main } from "../main.js";
import { KINDS } from "./validate.js";

let dir = "";
// 成都's plan names units, so a unit can be broken too.
const chengdu = builtInPlans.find((p) => p.id === "chengdu-2015");
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "taizhang-validate-"));
  if (!chengdu) throw new Error("no built-in 成都 plan");
  writeFileSync(join(dir, "plan.json"), JSON.stringify(chengdu));
  const broken = structuredClone(chengdu) as unknown as { tasks: Array<Record<string, unknown>>; units: Array<Record<string, unknown>> };
  const task = broken.tasks[1];
  const unit = broken.units[0];
  if (!task || !unit) throw new Error("fixture plan too short");
  task["number"] = "two";
  unit["name"] = null;
  writeFileSync(join(dir, "broken.json"), JSON.stringify(broken));
  writeFileSync(join(dir, "not.json"), "{ tasks: [");
  writeFileSync(join(dir, "other.json"), JSON.stringify({ hello: 1 }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const io = captureIo(dir);
  const code = await main(["validate", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("taizhang validate", () => {
  it("accepts a built-in plan (exit 0)", async () => {
    const r = await run("plan.json");
    expect(r.code).toBe(0);
    expect(r.out).toBe("plan.json: a valid plan\n");
  });

  it("prints every violation with its JSON path (exit 4), also as JSON", async () => {
    const r = await run("broken.json");
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/^broken\.json: 2 violations of the plan schema\n/);
    expect(r.out).toContain("  $.tasks[1].number: ");
    expect(r.out).toContain("  $.units[0].name: ");
    const json = await run("broken.json", "--json");
    expect(json.code).toBe(4);
    const body = JSON.parse(json.out) as { valid: boolean; kind: string; violations: Array<{ path: string }> };
    expect(body).toMatchObject({ valid: false, kind: "plan" });
    expect(body.violations.map((v) => v.path).sort()).toEqual(["$.tasks[1].number", "$.units[0].name"]);
  });

  it("says what is wrong with a file that is not JSON, not a model document, or missing", async () => {
    const notJson = await run("not.json");
    expect(notJson.code).toBe(4);
    expect(notJson.err).toContain("not.json is not JSON");
    const other = await run("other.json");
    expect(other.code).toBe(4);
    expect(other.err).toContain("--kind");
    const forced = await run("other.json", "--kind", "progress");
    expect(forced.code).toBe(4);
    expect(forced.out).toContain("violations of the progress schema");
    const missing = await run("nope.json");
    expect(missing.code).toBe(2);
    expect((await run("plan.json", "--kind", "nonsense")).code).toBe(1);
  });
});

describe("validate --kind", () => {
  it("accepts exactly core's document kinds, plans and history (the list its help shows without loading core)", () => {
    expect(KINDS).toEqual([...MODEL_DOCUMENT_NAMES, "plans", "history"]);
  });
});
