import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCalendarDate } from "./format-date.js";

const intl = (lang: string) => new Intl.DateTimeFormat(lang, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" });
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe("formatCalendarDate", () => {
  it("writes a date as Intl.DateTimeFormat does in both languages", () => {
    const zh = intl("zh-CN");
    const en = intl("en");
    fc.assert(
      fc.property(fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }), (date) => {
        const day = new Date(`${iso(date)}T00:00:00Z`);
        expect(formatCalendarDate("zh-CN", iso(date))).toBe(zh.format(day));
        expect(formatCalendarDate("en", iso(date))).toBe(en.format(day));
      }),
      { numRuns: 2000 },
    );
    expect(formatCalendarDate("zh-CN", "2024-02-29")).toBe("2024/02/29");
    expect(formatCalendarDate("en", "2025-06-30")).toBe("06/30/2025");
  });

  it("leaves anything that is not a calendar day as written", () => {
    for (const value of ["2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-4-1", "2023-04-01T00:00:00Z", "", "年底前"]) {
      expect(formatCalendarDate("zh-CN", value)).toBe(value);
      expect(formatCalendarDate("en", value)).toBe(value);
    }
  });
});
