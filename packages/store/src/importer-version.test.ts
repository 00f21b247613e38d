import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareImporterVersions } from "./importer-version.js";

describe("compareImporterVersions", () => {
  it("orders dotted versions numerically, part by part", () => {
    expect(compareImporterVersions("1.2.0", "1.10.0")).toBe(-1);
    expect(compareImporterVersions("1.10.0", "1.2.0")).toBe(1);
    expect(compareImporterVersions("1.2", "1.2.0")).toBe(0);
    expect(compareImporterVersions("2.0.0", "1.99.99")).toBe(1);
    expect(compareImporterVersions("1.0.0-beta", "1.0.0-alpha")).toBe(1);
  });

  it("is reflexive and antisymmetric (property)", () => {
    const version = fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 }).map((parts) => parts.join("."));
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(compareImporterVersions(a, a)).toBe(0);
        expect(compareImporterVersions(a, b)).toBe(-compareImporterVersions(b, a) || 0);
      }),
    );
  });
});
