import { PROGRESS_STATUS_LABELS, PROGRESS_STATUSES } from "@taizhang/core";
import { describe, expect, it } from "vitest";
import { STATUS_CHOICES_TEXT } from "./source-options.js";

describe("the light copies of core's lists that help texts use", () => {
  it("STATUS_CHOICES_TEXT lists core's statuses with their Chinese labels, in order", () => {
    expect(STATUS_CHOICES_TEXT).toBe(PROGRESS_STATUSES.map((s) => `${s} (${PROGRESS_STATUS_LABELS[s].zh})`).join(", "));
  });
});
