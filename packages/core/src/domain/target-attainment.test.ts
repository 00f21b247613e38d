import { describe, expect, test } from "vitest";
import { itemAttainment, targetAttainment } from "./target-attainment.js";

const m = (value: number, unit = "%") => ({ value, unit, asOf: null });

describe("target attainment", () => {
  test("不低于90% is met by 93 % and not by 85 %", () => {
    const t = { comparator: "gte" as const, value: 90, unit: "%" };
    expect(targetAttainment(t, m(93))).toBe("met");
    expect(targetAttainment(t, m(90))).toBe("met");
    expect(targetAttainment(t, m(85))).toBe("not_met");
  });
  test("不超过, 低于, 高于 and N个工作日内", () => {
    expect(targetAttainment({ comparator: "lte", value: 5, unit: "%" }, m(6))).toBe("not_met");
    expect(targetAttainment({ comparator: "lt", value: 5, unit: "%" }, m(5))).toBe("not_met");
    expect(targetAttainment({ comparator: "gt", value: 5, unit: "%" }, m(6))).toBe("met");
    expect(targetAttainment({ comparator: "within", value: 15, unit: "个工作日" }, m(12, "个工作日"))).toBe("met");
  });
  test("nothing measured, or another unit, is unknown; full-width ％ is %", () => {
    const t = { comparator: "gte" as const, value: 40, unit: "学时" };
    expect(targetAttainment(t, null)).toBe("unknown");
    expect(targetAttainment(t, m(42, "人"))).toBe("unknown");
    expect(targetAttainment({ comparator: "gte", value: 90, unit: "%" }, m(93, "％"))).toBe("met");
  });
  test("an item meets its targets when none is missed", () => {
    const ts = [{ comparator: "gte" as const, value: 90, unit: "%" }, { comparator: "lte" as const, value: 95, unit: "%" }];
    expect(itemAttainment(ts, m(93))).toBe("met");
    expect(itemAttainment(ts, m(97))).toBe("not_met");
    expect(itemAttainment([], m(97))).toBe("unknown");
  });
});
