// @vitest-environment node
import { describe, expect, it } from "vitest";
import { findAdminToken } from "./harness.js";

describe("findAdminToken", () => {
  it("reads the token printed on the line after the notice, or on the same line", () => {
    const banner = ["", "First start: this admin token is shown once and never again. Keep it safe:", "", "    tz_AbCdEfGhIjKlMnOpQrStUv_-12", ""].join("\n");
    expect(findAdminToken(`{"level":"info"}\n${banner}`)).toBe("tz_AbCdEfGhIjKlMnOpQrStUv_-12");
    expect(findAdminToken("one-time admin token: tz_0123456789abcdefXYZ")).toBe("tz_0123456789abcdefXYZ");
  });

  it("finds nothing before the banner is printed, nor an office token", () => {
    expect(findAdminToken("First start: this admin token is shown once")).toBeNull();
    expect(findAdminToken("office token tz_0123456789abcdefXYZ")).toBeNull();
  });
});
