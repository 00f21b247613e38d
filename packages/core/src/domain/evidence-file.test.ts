import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVIDENCE_SAMPLES, storedZip } from "../testing/evidence-samples.js";
import { EvidenceSchema } from "../model/progress.js";
import { detectEvidenceType } from "./evidence-file.js";

describe("detectEvidenceType", () => {
  it("reads each accepted type from its first bytes", () => {
    expect(detectEvidenceType(EVIDENCE_SAMPLES.pdf())).toBe("application/pdf");
    expect(detectEvidenceType(EVIDENCE_SAMPLES.jpeg())).toBe("image/jpeg");
    expect(detectEvidenceType(EVIDENCE_SAMPLES.png())).toBe("image/png");
    expect(detectEvidenceType(EVIDENCE_SAMPLES.webp())).toBe("image/webp");
    expect(detectEvidenceType(EVIDENCE_SAMPLES.ofd())).toBe("application/ofd");
    expect(detectEvidenceType(EVIDENCE_SAMPLES.docx())).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(detectEvidenceType(EVIDENCE_SAMPLES.xlsx())).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  it("refuses HTML, plain ZIPs, a RIFF that is no WebP, and a ZIP whose directory is cut off", () => {
    expect(detectEvidenceType(EVIDENCE_SAMPLES.htmlAsPdf())).toBeNull();
    expect(detectEvidenceType(EVIDENCE_SAMPLES.plainZip())).toBeNull();
    expect(detectEvidenceType(new TextEncoder().encode("RIFF\0\0\0\0WAVEfmt "))).toBeNull();
    const docx = EVIDENCE_SAMPLES.docx();
    expect(detectEvidenceType(docx.subarray(0, docx.length - 30))).toBeNull();
    expect(detectEvidenceType(storedZip({ "word/document.xml": "<w/>" }))).toBeNull();
    expect(detectEvidenceType(new Uint8Array())).toBeNull();
  });

  it("never throws, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom([], [0x50, 0x4b, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46, 0x2d]), (tail, head) => {
        const bytes = Uint8Array.from([...head, ...tail]);
        expect(() => detectEvidenceType(bytes)).not.toThrow();
      }),
    );
  });
});

describe("EvidenceSchema", () => {
  const file = { sha256: "a".repeat(64), name: "扫描件.pdf", mediaType: "application/pdf", size: 10 };
  it("keeps evidence stored before files valid, and takes a file reference", () => {
    expect(EvidenceSchema.parse({ description: "台账", url: null })).toEqual({ description: "台账", url: null });
    expect(EvidenceSchema.parse({ description: "扫描件", url: null, file }).file).toEqual(file);
  });
  it("refuses a file reference with a wrong hash, another type or extra fields", () => {
    expect(EvidenceSchema.safeParse({ description: "x", url: null, file: { ...file, sha256: "A".repeat(64) } }).success).toBe(false);
    expect(EvidenceSchema.safeParse({ description: "x", url: null, file: { ...file, mediaType: "text/html" } }).success).toBe(false);
    expect(EvidenceSchema.safeParse({ description: "x", url: null, file: { ...file, path: "/etc/passwd" } }).success).toBe(false);
  });
});
