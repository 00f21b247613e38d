import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseQuery } from "./query.js";

describe("parseQuery", () => {
  it("splits terms on whitespace, including the ideographic space", () => {
    expect(parseQuery("行政复议  听证\u3000规范化").map((t) => t.text)).toEqual(["行政复议", "听证", "规范化"]);
  });

  it('reads "quoted phrases" (also “…” and 「…」) as exact phrases keeping their spaces', () => {
    expect(parseQuery('"重大行政决策" “公众 参与” 「听证」')).toEqual([
      { text: "重大行政决策", phrase: true, negated: false, pinyin: false },
      { text: "公众 参与", phrase: true, negated: false, pinyin: false },
      { text: "听证", phrase: true, negated: false, pinyin: false },
    ]);
  });

  it("reads a leading minus as an exclusion, of a word or a phrase", () => {
    expect(parseQuery('"重大行政决策" -听证 -"风险 评估"')).toEqual([
      { text: "重大行政决策", phrase: true, negated: false, pinyin: false },
      { text: "听证", phrase: false, negated: true, pinyin: false },
      { text: "风险 评估", phrase: true, negated: true, pinyin: false },
    ]);
  });

  it("keeps an inner minus, ignores a lone one and runs an unclosed quote to the end", () => {
    expect(parseQuery("2015-2020 - \"法治 政府")).toEqual([
      { text: "2015-2020", phrase: false, negated: false, pinyin: false },
      { text: "法治 政府", phrase: true, negated: false, pinyin: false },
    ]);
  });

  it("normalises terms like indexed text (full-width minus and letters, traditional script)", () => {
    expect(parseQuery("－ＸＺＦＹ 行政復議")).toEqual([
      { text: "xzfy", phrase: false, negated: true, pinyin: true },
      { text: "行政复议", phrase: false, negated: false, pinyin: false },
    ]);
  });

  it("never yields an empty term or one holding a line break, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ab行政 \t\n\"“”「」-－　") }), (q) => {
        for (const term of parseQuery(q)) {
          expect(term.text.length).toBeGreaterThan(0);
          expect(term.text).not.toMatch(/[\n\t]/);
          if (!term.phrase) expect(term.text).not.toMatch(/\s/);
        }
      }),
    );
  });
});
