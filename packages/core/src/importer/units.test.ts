import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyText, planText } from "./__fixtures__/plan-text-arbitrary.js";
import { parseUnitName, splitUnitAnnotation } from "./units.js";

// A verbatim copy of /work/shared/seeds/004_6fb7fc662887b81d.txt (Chengdu), whose
// every task paragraph ends with its unit annotation.
const chengdu = readFileSync(new URL("./__fixtures__/chengdu-2015.txt", import.meta.url), "utf8");
const annotatedParagraphs = chengdu.split("\n").filter((line) => line.includes("牵头单位"));

describe("splitUnitAnnotation on Chengdu's 44 tasks", () => {
  const results = annotatedParagraphs.map((p) => ({ paragraph: p, ...splitUnitAnnotation(p) }));

  it("finds 44 annotated paragraphs, in [] and in ()", () => {
    expect(annotatedParagraphs).toHaveLength(44);
    expect(results.filter((r) => r.annotation?.raw.startsWith("["))).toHaveLength(42);
    expect(results.filter((r) => r.annotation?.raw.startsWith("("))).toHaveLength(2);
  });

  it("parses every annotation into lead and responsible units and strips it from the body", () => {
    for (const r of results) {
      expect(r.annotation, r.paragraph.slice(-80)).not.toBeNull();
      expect(r.annotation?.lead.length).toBeGreaterThan(0);
      expect(r.annotation?.responsible.length).toBeGreaterThan(0);
      expect(r.body).not.toContain("牵头单位");
      expect(r.body).toMatch(/。$/u);
      expect(r.body + (r.annotation?.raw ?? "")).toBe(r.paragraph.trimEnd());
    }
  });

  it("task 1: led by 市委编办(市审改办), five responsible units with the collectives kept whole", () => {
    expect(results[0]?.annotation).toEqual({
      lead: ["市委编办(市审改办)"],
      responsible: ["市政府法制办", "市政务服务办", "市政府政务中心", "市政府有关部门", "各区(市)县政府"],
      raw: "[牵头单位:市委编办(市审改办);责任单位:市政府法制办、市政务服务办、市政府政务中心、市政府有关部门,各区(市)县政府]",
    });
  });

  it("task 6 has two lead units; tasks 14 and 15 use round brackets", () => {
    expect(results[5]?.annotation?.lead).toEqual(["市发改委", "市财政局"]);
    expect(results[13]?.annotation).toEqual({
      lead: ["市政府法制办"],
      responsible: ["市政府有关部门"],
      raw: "(牵头单位:市政府法制办;责任单位:市政府有关部门)",
    });
    expect(results[14]?.annotation?.raw.startsWith("(")).toBe(true);
  });

  it("every named office parses to a known name; aliases and collectives as the plan means them", () => {
    const parsed = new Map(
      results.flatMap((r) => [...(r.annotation?.lead ?? []), ...(r.annotation?.responsible ?? [])]).map((n) => [n, parseUnitName(n)]),
    );
    expect(parsed.get("市委编办(市审改办)")).toEqual({ name: "市委编办", aliases: ["市审改办"], collective: false });
    expect(parsed.get("市政务服务办(市公管办)")).toEqual({ name: "市政务服务办", aliases: ["市公管办"], collective: false });
    expect(parsed.get("各区(市)县政府")).toEqual({ name: "各区(市)县政府", aliases: [], collective: true });
    for (const collective of ["市政府有关部门", "市政府各部门", "市级相关行政执法部门"]) {
      expect(parsed.get(collective)).toEqual({ name: collective, aliases: [], collective: true });
    }
    const offices = [...parsed.values()].filter((u) => !u.collective).map((u) => u.name);
    expect(new Set(offices)).toEqual(
      new Set([
        "市委编办",
        "市政府法制办",
        "市政务服务办",
        "市政府政务中心",
        "市工商局",
        "市发改委",
        "市财政局",
        "市政府办公厅",
        "市监察局",
        "市审计局",
        "市司法局",
      ]),
    );
  });
});

describe("splitUnitAnnotation variants", () => {
  it("accepts a missing lead, other labels and full-width punctuation", () => {
    expect(splitUnitAnnotation("加强队伍建设。(责任单位:市政府各部门)").annotation).toEqual({
      lead: [],
      responsible: ["市政府各部门"],
      raw: "(责任单位:市政府各部门)",
    });
    expect(splitUnitAnnotation("加强队伍建设。【牵头部门：市司法局；配合单位：市财政局，市人社局】").annotation).toEqual({
      lead: ["市司法局"],
      responsible: ["市财政局", "市人社局"],
      raw: "【牵头部门：市司法局；配合单位：市财政局，市人社局】",
    });
    expect(splitUnitAnnotation("推进立法。(主办:市政府法制办;协办:市人大法工委)").annotation).toMatchObject({
      lead: ["市政府法制办"],
      responsible: ["市人大法工委"],
    });
  });

  it("reads an unbracketed annotation on the task's last lines", () => {
    expect(splitUnitAnnotation("推进立法。坚持开门立法。\n牵头单位:市政府法制办\n责任单位:市政府各部门、各区(市)县政府")).toEqual({
      body: "推进立法。坚持开门立法。",
      annotation: {
        lead: ["市政府法制办"],
        responsible: ["市政府各部门", "各区(市)县政府"],
        raw: "牵头单位:市政府法制办\n责任单位:市政府各部门、各区(市)县政府",
      },
    });
    expect(splitUnitAnnotation("推进立法。\n责任单位:市司法局。").annotation?.responsible).toEqual(["市司法局"]);
    // A single line is the task itself, and a label mid-line is text.
    expect(splitUnitAnnotation("责任单位:市司法局").annotation).toBeNull();
    expect(splitUnitAnnotation("推进立法。\n明确牵头单位:市司法局").annotation).toBeNull();
  });

  it("reads a bracket of offices and what they do: 牵头 is lead, 负责/配合/参与 responsible", () => {
    expect(splitUnitAnnotation("推进立法。(市政府法制办牵头,市政府各部门配合)")).toEqual({
      body: "推进立法。",
      annotation: { lead: ["市政府法制办"], responsible: ["市政府各部门"], raw: "(市政府法制办牵头,市政府各部门配合)" },
    });
    expect(splitUnitAnnotation("推进立法。(市司法局、市财政局牵头;各区(市)县政府按职责分工负责)").annotation).toMatchObject({
      lead: ["市司法局", "市财政局"],
      responsible: ["各区(市)县政府"],
    });
    expect(splitUnitAnnotation("推进立法。(由市司法局负责)").annotation).toMatchObject({ lead: [], responsible: ["市司法局"] });
  });

  it.each([
    ["a bracket that says something else", "制定实施办法(具体办法另行负责)"],
    ["a verb after words that are not offices", "完善制度(做好衔接配合)"],
    ["an unbracketed sentence", "推进立法。\n市政府各部门负责"],
  ])("does not take %s for an annotation", (_name, text) => {
    expect(splitUnitAnnotation(text).annotation).toBeNull();
  });

  it("tolerates trailing whitespace and a full stop after the annotation", () => {
    const r = splitUnitAnnotation("推进立法。[牵头单位:市政府法制办;责任单位:市政府各部门]。 \n");
    expect(r.body).toBe("推进立法。");
    expect(r.annotation?.lead).toEqual(["市政府法制办"]);
  });

  it("splits on 和 only between two complete office names", () => {
    const r = splitUnitAnnotation("推进。[牵头单位:市政府办公厅和市政府法制办;责任单位:市人力资源和社会保障局、市住房和城乡建设局]");
    expect(r.annotation?.lead).toEqual(["市政府办公厅", "市政府法制办"]);
    expect(r.annotation?.responsible).toEqual(["市人力资源和社会保障局", "市住房和城乡建设局"]);
  });

  it.each([
    ["no brackets at the end", "坚持法定职责必须为。"],
    ["a bracket that is not an annotation", "编制完成并公布旗县区(稀土高新区)"],
    ["an unbalanced bracket", "编制完成并公布牵头单位:市政府)"],
    ["a label that is not first", "[市政府法制办;责任单位:市政府各部门]"],
    ["empty text", ""],
  ])("returns no annotation for %s", (_name, text) => {
    expect(splitUnitAnnotation(text)).toEqual({ body: text, annotation: null });
  });
});

describe("parseUnitName", () => {
  it.each([
    ["市政府法制办(市法制局)", "市政府法制办", ["市法制局"], false],
    ["旗县(市、区)", "旗县(市、区)", [], false],
    ["各旗县(市、区)政府", "各旗县(市、区)政府", [], true],
    ["各级政府", "各级政府", [], true],
    ["市级各部门", "市级各部门", [], true],
    ["依法治市领导小组成员单位", "依法治市领导小组成员单位", [], true],
    ["市政府(含稀土高新区管委会)", "市政府(含稀土高新区管委会)", [], false],
    ["市人力资源和社会保障局", "市人力资源和社会保障局", [], false],
    ["市委编办（市审改办）", "市委编办", ["市审改办"], false],
    [" 市司法局、", "市司法局", [], false],
    // One office however its brackets are printed: 〔〕 inside a name read as ().
    ["各县〔市、区〕政府", "各县(市、区)政府", [], true],
    ["市委编办〔市审改办〕", "市委编办", ["市审改办"], false],
  ])("%s → %s %j collective=%s", (raw, name, aliases, collective) => {
    expect(parseUnitName(raw)).toEqual({ name, aliases, collective });
  });
});

describe("unit properties", () => {
  it("splitUnitAnnotation never throws and body + annotation rebuild the text's start", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = splitUnitAnnotation(text);
        if (r.annotation === null) {
          expect(r.body).toBe(text);
          return;
        }
        expect(text.startsWith(r.body)).toBe(true);
        expect(text.slice(r.body.length).trimStart().startsWith(r.annotation.raw)).toBe(true);
        for (const n of [...r.annotation.lead, ...r.annotation.responsible]) expect(n.trim()).not.toBe("");
      }),
      { numRuns: 1000 },
    );
  });

  it("finds any well-formed annotation appended to any text", () => {
    const name = fc.constantFrom("市司法局", "市政府各部门", "各区(市)县政府", "市委编办(市审改办)", "市人力资源和社会保障局");
    fc.assert(
      fc.property(planText, fc.array(name, { minLength: 1, maxLength: 3 }), fc.array(name, { minLength: 1, maxLength: 3 }), (body, lead, resp) => {
        const annotation = `[牵头单位:${lead.join("、")};责任单位:${resp.join(",")}]`;
        const r = splitUnitAnnotation(`${body}${annotation}`);
        expect(r.annotation?.lead).toEqual(lead);
        expect(r.annotation?.responsible).toEqual(resp);
      }),
    );
  });

  it("stays fast on long runs of brackets", () => {
    const started = performance.now();
    splitUnitAnnotation(`[${"(".repeat(50_000)}]`);
    splitUnitAnnotation(`${")".repeat(50_000)}]`);
    parseUnitName(`${"有关(".repeat(20_000)}部门)`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("parseUnitName never throws and never returns an empty name for a non-blank input", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const u = parseUnitName(text);
        expect(typeof u.collective).toBe("boolean");
        if (/[^\s、,;:。]/u.test(text)) expect(u.name).not.toBe("");
      }),
      { numRuns: 1000 },
    );
  });
});
