import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, chinaDate, chinaTimeText, daysBetween, isoDate, lastDayOfMonth } from "./calendar.js";

describe("calendar", () => {
  it("knows the last day of every month, leap years included", () => {
    expect(lastDayOfMonth(2016, 2)).toBe(29);
    expect(lastDayOfMonth(2100, 2)).toBe(28);
    expect(lastDayOfMonth(2000, 2)).toBe(29);
    expect(lastDayOfMonth(2019, 6)).toBe(30);
    expect(lastDayOfMonth(2019, 12)).toBe(31);
  });

  it("takes today's date in China, not in UTC", () => {
    // 2016-12-31 17:00 UTC is already 2017-01-01 01:00 in Beijing.
    expect(chinaDate(new Date("2016-12-31T17:00:00Z"))).toBe("2017-01-01");
    expect(chinaDate(new Date("2016-12-31T15:59:59Z"))).toBe("2016-12-31");
  });

  it("rejects an invalid instant", () => {
    expect(() => chinaDate(new Date("not a date"))).toThrow(RangeError);
  });

  it("counts days across month and year ends", () => {
    expect(daysBetween("2016-12-31", "2017-01-01")).toBe(1);
    expect(daysBetween("2016-03-01", "2016-02-28")).toBe(-2);
    expect(addDays("2016-02-28", 1)).toBe("2016-02-29");
  });

  it("addDays and daysBetween are inverse", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: -4000, max: 4000 }),
        (d, n) => {
          const start = isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
          expect(daysBetween(start, addDays(start, n))).toBe(n);
        },
      ),
    );
  });
});

describe("chinaTimeText", () => {
  it("writes an instant as China's wall-clock time with +08:00, naming the same instant", () => {
    expect(chinaTimeText("2026-12-04T19:28:53.000Z")).toBe("2026-12-05T03:28:53+08:00");
    expect(Date.parse(chinaTimeText("2026-12-04T19:28:53Z"))).toBe(Date.parse("2026-12-04T19:28:53Z"));
    expect(chinaTimeText("not a time")).toBe("not a time");
  });
});
