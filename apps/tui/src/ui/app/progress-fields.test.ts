import fc from "fast-check";
import { EMPTY_PROGRESS, type Progress } from "@taizhang/core";
import { describe, expect, it } from "vitest";
import { parsePersonPrompt, personPromptText, readField, readPercent } from "./progress-fields.js";

const progress = (fields: Partial<Progress> = {}): Progress => ({
  ...EMPTY_PROGRESS,
  itemId: "chengdu-2015/3#m1" as Progress["itemId"],
  unitId: "成都市:市政府法制办" as Progress["unitId"],
  version: 1,
  updatedBy: null,
  updatedAt: null,
  ...fields,
});

describe("readPercent", () => {
  it("reads whole numbers 0..100, with % or in full-width digits", () => {
    expect(readPercent("60")).toEqual({ ok: true, value: 60 });
    expect(readPercent(" 60% ")).toEqual({ ok: true, value: 60 });
    expect(readPercent("６０％")).toEqual({ ok: true, value: 60 });
    expect(readPercent("100.0")).toEqual({ ok: true, value: 100 });
    expect(readPercent("-0")).toEqual({ ok: true, value: 0 });
    expect(readPercent("")).toEqual({ ok: false, reason: "empty" });
    expect(readPercent("150")).toEqual({ ok: false, reason: "outOfRange", text: "150" });
    expect(readPercent("-1")).toEqual({ ok: false, reason: "outOfRange", text: "-1" });
    expect(readPercent("12.5")).toEqual({ ok: false, reason: "notWhole", text: "12.5" });
    expect(readPercent("六十")).toEqual({ ok: false, reason: "notNumber", text: "六十" });
    expect(readPercent("1e2")).toEqual({ ok: false, reason: "notNumber", text: "1e2" });
  });

  it("takes every whole number from 0 to 100 and refuses every other whole number (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.boolean(), (n, sign) => {
        const r = readPercent(`${n}${sign ? "%" : ""}`);
        if (n >= 0 && n <= 100) expect(r).toEqual({ ok: true, value: n });
        else expect(r).toMatchObject({ ok: false, reason: "outOfRange" });
      }),
    );
  });

  it("only ever answers a whole number within 0..100 (property)", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = readPercent(text);
        if (r.ok) {
          expect(Number.isInteger(r.value)).toBe(true);
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThanOrEqual(100);
          expect(Object.is(r.value, -0)).toBe(false);
        }
      }),
    );
  });
});

describe("readField", () => {
  it("cancels an empty note and writes nothing for an unchanged one", () => {
    expect(readField("note", "   ", progress({ note: "已试点" }))).toEqual({ kind: "empty" });
    expect(readField("note", "已试点 ", progress({ note: "已试点" }))).toEqual({ kind: "unchanged" });
    expect(readField("note", "已推开", progress({ note: "已试点" }))).toEqual({ kind: "patch", patch: { note: "已推开" } });
    expect(readField("note", "字".repeat(4001), progress())).toEqual({ kind: "refused", refusal: { reason: "noteTooLong", length: 4001, max: 4000 } });
  });

  it("names no one with an empty 责任人 line, and names the part that is too long", () => {
    const named = progress({ responsiblePerson: { name: "张伟", post: null, contact: null } });
    expect(readField("responsiblePerson", "", named)).toEqual({ kind: "patch", patch: { responsiblePerson: null } });
    expect(readField("responsiblePerson", "", progress())).toEqual({ kind: "unchanged" });
    expect(readField("responsiblePerson", "张伟", named)).toEqual({ kind: "unchanged" });
    expect(readField("responsiblePerson", `张伟，科长，${"1".repeat(101)}`, progress())).toEqual({ kind: "refused", refusal: { reason: "personTooLong", part: "contact", max: 100 } });
  });

  it("reads back what the 责任人 prompt starts from (property)", () => {
    const part = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && !/[,，]/.test(s));
    fc.assert(
      fc.property(part, fc.option(part, { nil: null }), fc.option(part, { nil: null }), (name, post, contact) => {
        const person = { name, post, contact };
        expect(parsePersonPrompt(personPromptText(person))).toEqual(person);
      }),
    );
  });
});
