// Each built-in plan's source text, published as a government would — a Word
// file, a web page (UTF-8 and GB2312), a printed PDF — imports to the same
// tasks, units and milestones as the text itself.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importPlan, type Plan } from "@taizhang/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPlanFile } from "./read-plan-file.js";
import { makeDocx } from "./test-support/make-docx.js";
import { govPage } from "./test-support/make-html.js";
import { launchChromium, missingChromium, printPdf } from "./test-support/print-pdf.js";

const SOURCES = join(import.meta.dirname, "..", "..", "core", "plans", "sources");
const SEEDS = ["000_303cee155329faa7.txt", "001_4e84aac5f35be19d.txt", "002_08d0e86018707fca.txt", "003_c5645c69c3d939d1.txt", "004_6fb7fc662887b81d.txt"];

/** What a ledger holds of a plan: its tasks with their units and milestones. */
function ledgerOf(plan: Plan) {
  const name = (id: string) => plan.units.find((u) => u.id === id)?.name;
  return {
    id: plan.id,
    title: plan.title,
    tasks: plan.tasks.map((t) => ({
      number: t.number,
      ordinal: t.ordinal,
      title: t.title,
      text: t.text,
      lead: t.lead.map(name),
      responsible: t.responsible.map(name),
      milestones: t.milestones.map((m) => [m.phrase, m.due, m.rule]),
    })),
    units: plan.units.map((u) => [u.name, u.aliases, u.collective]),
  };
}

const seeds = SEEDS.map((name) => {
  const text = readFileSync(join(SOURCES, name), "utf8");
  const lines = text.split(/\r?\n/u).filter((l) => l.trim() !== "");
  return { name, text, lines, expected: ledgerOf(importPlan(text).plan) };
});

async function importFile(bytes: Uint8Array, expectedFormat: string): Promise<Plan> {
  const file = await readPlanFile(bytes);
  expect(file.format).toBe(expectedFormat);
  const { plan } = importPlan(file.text, { format: file.format ?? undefined });
  expect(plan.provenance.sourceFiles[0]?.format).toBe(expectedFormat);
  return plan;
}

describe.each(seeds)("$name", ({ lines, expected }) => {
  it("as a Word file (.docx) imports to the same tasks, units and milestones", async () => {
    const plan = await importFile(makeDocx(lines, { header: expected.title }), "docx");
    expect(ledgerOf(plan)).toEqual(expected);
  });

  it("as a web page saved from a government site, UTF-8 and GB2312, imports the same", async () => {
    for (const charset of ["utf-8", "gb2312"] as const) {
      const plan = await importFile(govPage(lines, { title: expected.title, charset }), "html");
      expect(ledgerOf(plan)).toEqual(expected);
    }
  });
});

const noChromium = missingChromium();
if (noChromium !== null) console.warn(`seed PDFs: skipped — ${noChromium}`);

describe.runIf(noChromium === null)("the seeds printed to PDF from Chromium", { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(seeds)("$name as a PDF imports to the same tasks, units and milestones", async ({ lines, expected }) => {
    const body = lines.map((l) => `<p>${l.replace(/&/gu, "&amp;").replace(/</gu, "&lt;")}</p>`).join("\n");
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
      body { font-family: "Noto Serif CJK SC", serif; font-size: 16px; line-height: 1.6; }
      p { margin: 0; text-indent: 2em; white-space: pre-wrap; }
    </style></head><body>${body}</body></html>`;
    const pdf = await printPdf(browser, html, expected.title);
    const plan = await importFile(pdf, "pdf");
    expect(ledgerOf(plan)).toEqual(expected);
  });
});

describe.runIf(noChromium !== null && process.env["CI"] !== undefined)("the seeds printed to PDF", () => {
  it("has Chromium in CI", () => {
    expect(noChromium).toBeNull();
  });
});
