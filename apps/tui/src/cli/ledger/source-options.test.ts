import { JURISDICTION_LEVELS, PROGRESS_STATUS_LABELS, PROGRESS_STATUSES } from "@taizhang/core";
import { describe, expect, it } from "vitest";
import { LEVELS } from "../commands/import.js";
import { STATUS_CHOICES_TEXT } from "./source-options.js";

describe("the light copies of core's lists that help texts use", () => {
  it("STATUS_CHOICES_TEXT lists core's statuses with their Chinese labels, in order", () => {
    expect(STATUS_CHOICES_TEXT).toBe(PROGRESS_STATUSES.map((s) => `${s} (${PROGRESS_STATUS_LABELS[s].zh})`).join(", "));
  });

  it("import's --level choices are core's jurisdiction levels", () => {
    expect(LEVELS).toEqual(JURISDICTION_LEVELS);
  });
});
