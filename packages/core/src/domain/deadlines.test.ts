import { describe, expect, it } from "vitest";
import { daysLeft, deadlineState, isDueSoon, isOverdue } from "./deadlines.js";

// 2016-12-31 09:00 in Beijing.
const dueDay = new Date("2016-12-31T01:00:00Z");
const dayAfter = new Date("2017-01-01T01:00:00Z");

describe("deadlines", () => {
  it("counts days left in the China calendar", () => {
    expect(daysLeft("2016-12-31", dueDay)).toBe(0);
    expect(daysLeft("2016-12-31", dayAfter)).toBe(-1);
    expect(daysLeft("2017-01-30", dayAfter)).toBe(29);
  });

  it("is not overdue on the due day itself, and is the day after", () => {
    expect(isOverdue("2016-12-31", "in_progress", dueDay)).toBe(false);
    expect(isOverdue("2016-12-31", "in_progress", dayAfter)).toBe(true);
    expect(isOverdue("2016-12-31", "blocked", dayAfter)).toBe(true);
  });

  it("never calls a closed item overdue or due soon", () => {
    expect(isOverdue("2016-12-31", "done", dayAfter)).toBe(false);
    expect(isOverdue("2016-12-31", "not_applicable", dayAfter)).toBe(false);
    expect(isDueSoon("2016-12-31", "done", dueDay)).toBe(false);
  });

  it("is due soon within the window, inclusive", () => {
    expect(isDueSoon("2017-01-31", "not_started", dayAfter, 30)).toBe(true);
    expect(isDueSoon("2017-02-01", "not_started", dayAfter, 30)).toBe(false);
    expect(isDueSoon("2016-12-31", "not_started", dayAfter, 30)).toBe(false);
    expect(() => isDueSoon("2017-01-31", "not_started", dayAfter, -1)).toThrow(RangeError);
  });

  it("names the state of a deadline", () => {
    expect(deadlineState("2016-12-31", "done", dayAfter)).toBe("closed");
    expect(deadlineState("2016-12-31", "in_progress", dayAfter)).toBe("overdue");
    expect(deadlineState("2017-01-05", "in_progress", dayAfter)).toBe("due-soon");
    expect(deadlineState("2018-01-05", "in_progress", dayAfter)).toBe("open");
  });
});
