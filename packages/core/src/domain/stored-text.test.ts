import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  escapeUnstorableText,
  findUnstorableText,
  isStorableText,
  refineStorableText,
  repairStoredText,
  storableString,
  unstorableText,
} from "./stored-text.js";

describe("the stored-text policy", () => {
  it("names NUL, a lone surrogate and U+FFFF with the character and where it is", () => {
    expect(unstorableText("before\u0000after")).toMatchObject({ kind: "nul", codePoint: 0, index: 6, message: "U+0000 at character 6 (NUL)" });
    expect(unstorableText("ab\uD800c")?.message).toBe("U+D800 at character 2 (a lone surrogate)");
    expect(unstorableText("\uDC00")?.kind).toBe("lone-surrogate");
    expect(unstorableText("x\uFFFF")?.message).toBe("U+FFFF at character 1 (a character XML 1.0 does not allow)");
    expect(unstorableText("\uFFFE")?.kind).toBe("xml-illegal");
    expect(unstorableText("a\u0001")?.kind).toBe("xml-illegal");
    expect(unstorableText("a\u001F")?.kind).toBe("xml-illegal");
    expect(unstorableText("a\u007F")?.message).toBe("U+007F at character 1 (DEL, which the .xlsx export cannot hold)");
  });

  it("counts characters, not UTF-16 units: an emoji before the fault is one character", () => {
    expect(unstorableText("😀\u0000")?.index).toBe(1);
  });

  it("accepts TAB, LF, CR, Chinese, emoji (paired surrogates) and U+FFFD", () => {
    for (const text of ["", "进展\t说明\r\n第二行", "😀 done", "\uFFFD", "\u0080\u0085\u009F", "\uD83D\uDE00"]) {
      expect(unstorableText(text)).toBeNull();
    }
  });

  it("repairs by removing NUL and XML-illegal characters and replacing lone surrogates with U+FFFD", () => {
    expect(repairStoredText("before\u0000after\uFFFF")).toBe("beforeafter");
    expect(repairStoredText("a\uD800b\uDC00")).toBe("a\uFFFDb\uFFFD");
    expect(repairStoredText("😀\u0007ok")).toBe("😀ok");
  });

  it("escapes what it would repair, so a report shows it without holding it", () => {
    expect(escapeUnstorableText("a\u0000b\\c\uD800")).toBe("a\\u{0000}b\\\\c\\u{D800}");
    expect(isStorableText(escapeUnstorableText("\u0000\uFFFF\uDFFF"))).toBe(true);
  });

  it("finds the field of a nested value", () => {
    expect(findUnstorableText({ note: "ok", responsiblePerson: { name: "张\u0000三", post: null } })).toMatchObject({
      field: "responsiblePerson.name",
      detail: "responsiblePerson.name: U+0000 at character 1 (NUL)",
    });
    expect(findUnstorableText({ evidence: [{ description: "a" }, { description: "\uFFFF" }] })?.field).toBe("evidence.1.description");
    expect(findUnstorableText("x\u0002", "reason")?.field).toBe("reason");
    expect(findUnstorableText({ a: 1, b: null, c: ["ok"] })).toBeNull();
  });

  it("is a zod refinement", () => {
    const schema = z.object({ note: z.string().max(10).superRefine(refineStorableText) });
    const result = schema.safeParse({ note: "a\u0000" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["note"], message: "cannot be stored: U+0000 at character 1 (NUL)" });
    expect(storableString(z.string().max(3)).safeParse("abc").success).toBe(true);
    expect(storableString().safeParse("\uD800").success).toBe(false);
  });

  it("property: repair always yields storable text, is idempotent, and leaves storable text alone", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom("\u0000", "\uD800", "\uDC00", "\uFFFF", "\t", "\u0001"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })), maxLength: 40 }), (text) => {
        const repaired = repairStoredText(text);
        expect(isStorableText(repaired)).toBe(true);
        expect(repairStoredText(repaired)).toBe(repaired);
        if (isStorableText(text)) expect(repaired).toBe(text);
        // Storable text survives a UTF-8 round trip unchanged: no lone surrogate is left to replace.
        expect(new TextDecoder().decode(new TextEncoder().encode(repaired))).toBe(repaired);
      }),
      { numRuns: 300 },
    );
  });
});
