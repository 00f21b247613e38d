import { itemIdOf } from "@taizhang/contract";
import { detectEvidenceType, EVIDENCE_EXTENSIONS, EVIDENCE_MEDIA_TYPES, type Evidence, type EvidenceFile, type EvidenceMediaType, type UnitId } from "@taizhang/core";
import type { Ledger } from "@taizhang/store";
import { AppError } from "../app-error.js";
import type { Caller } from "../caller.js";
import { authorize } from "../policy.js";
import { fromStore } from "../store-errors.js";

/** What an upload may be: its largest size, and the types taken (a server may narrow core's list). */
export interface EvidenceLimits {
  maxBytes: number;
  types: readonly EvidenceMediaType[];
  /** The settings behind the limits, as refusals name them. */
  settings?: { maxBytes: string; types: string };
}

export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = { maxBytes: 20 * 1024 * 1024, types: EVIDENCE_MEDIA_TYPES };

/** The row an evidence file belongs to. */
export interface EvidenceRowParams {
  planId: string;
  number: number;
  item: string;
  unitId: UnitId;
}

const TYPE_NAMES: Record<EvidenceMediaType, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "image/webp": "WebP",
  "application/ofd": "OFD",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
};

/** The uploaded name, as a name only: no folders, no control characters, at most 200 characters; a default from the type when none is left. */
export function evidenceFileName(raw: string | null | undefined, type: EvidenceMediaType): string {
  const base = (raw ?? "").split(/[\\/]/).at(-1) ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200).trim();
  return clean === "" || clean === "." || clean === ".." ? `佐证材料${EVIDENCE_EXTENSIONS[type]}` : clean;
}

/**
 * The evidence files of one (item, unit): upload (an office for its own
 * unit, admins for any; the type read from the bytes) and read back (to
 * whoever may read the row, and only files its evidence names).
 */
export function evidenceUseCases(ledger: Ledger, limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS) {
  const settings = limits.settings ?? { maxBytes: "TAIZHANG_EVIDENCE_MAX_BYTES", types: "TAIZHANG_EVIDENCE_TYPES" };
  return {
    async uploadEvidenceFile(
      caller: Caller,
      input: { params: EvidenceRowParams; upload: () => Promise<{ bytes: Uint8Array; name: string | null; declaredType: string | null }> },
    ): Promise<{ file: EvidenceFile; created: boolean }> {
      // Refused before the body is read or anything stored, so an office learns nothing about other units' rows.
      authorize(caller, "progress.write", input.params.unitId);
      const upload = await input.upload();
      const { bytes } = upload;
      if (bytes.length > limits.maxBytes) {
        throw new AppError("payload-too-large", `the file is ${bytes.length} bytes; evidence files may be at most ${limits.maxBytes} bytes`, {
          limit: { name: settings.maxBytes, value: limits.maxBytes },
        });
      }
      if (bytes.length === 0) {
        throw new AppError("validation-failed", "the file is empty", { errors: [{ path: "body.file", message: "the file is empty" }] });
      }
      const accepted = limits.types.map((t) => TYPE_NAMES[t]).join(", ");
      const type = detectEvidenceType(bytes);
      if (type === null || !limits.types.includes(type)) {
        throw new AppError(
          "unsupported-media-type",
          `${type === null ? "the file's content is none of the evidence types" : `${TYPE_NAMES[type]} files are not taken here`}: evidence may be ${accepted} (read from the file's content, not its name)`,
          { code: "evidence-type" },
        );
      }
      const declared = (upload.declaredType ?? "").toLowerCase().split(";")[0]?.trim() ?? "";
      if ((EVIDENCE_MEDIA_TYPES as readonly string[]).includes(declared) && declared !== type) {
        throw new AppError("unsupported-media-type", `the file is declared ${TYPE_NAMES[declared as EvidenceMediaType]} but its content is ${TYPE_NAMES[type]}`, {
          code: "evidence-type-mismatch",
        });
      }
      // The row must exist (404 otherwise): a file is uploaded for a row.
      await fromStore(ledger.getProgress(itemIdOf(input.params), input.params.unitId));
      const stored = await fromStore(ledger.evidenceFiles.put(bytes));
      return { file: { sha256: stored.sha256, name: evidenceFileName(upload.name, type), mediaType: type, size: stored.size }, created: stored.created };
    },

    /**
     * An evidence file of the row, if its evidence names it: its reference,
     * and its bytes read on demand (a cached copy needs none).
     */
    async getEvidenceFile(
      caller: Caller,
      input: { params: EvidenceRowParams; sha256: string },
    ): Promise<{ file: EvidenceFile; read: () => Promise<{ bytes: Uint8Array; mediaType: EvidenceMediaType | null }> }> {
      authorize(caller, "evidence.read", input.params.unitId);
      const progress = await fromStore(ledger.getProgress(itemIdOf(input.params), input.params.unitId));
      const file = progress.evidence.find((e) => e.file?.sha256 === input.sha256)?.file;
      if (!file) throw new AppError("not-found", "this row's evidence names no file of that sha256");
      return {
        file,
        read: async () => {
          const bytes = await fromStore(ledger.evidenceFiles.get(file.sha256));
          if (bytes === null) throw new AppError("not-found", `the evidence file ${file.name} is named by the row but not stored (was the store restored without its evidence folder?)`);
          return { bytes, mediaType: detectEvidenceType(bytes) };
        },
      };
    },
  };
}
export type EvidenceUseCases = ReturnType<typeof evidenceUseCases>;

/**
 * Refuses evidence naming a file that was never uploaded (or of another
 * size): a change may attach only files the store holds.
 */
export async function checkEvidenceFiles(ledger: Ledger, evidence: readonly Evidence[] | undefined, path: string): Promise<void> {
  if (!evidence) return;
  const errors: Array<{ path: string; message: string }> = [];
  for (const [i, e] of evidence.entries()) {
    if (!e.file) continue;
    const size = await fromStore(ledger.evidenceFiles.size(e.file.sha256));
    if (size !== e.file.size) errors.push({ path: `${path}.${i}.file`, message: "no file of this sha256 and size was uploaded: upload it first" });
  }
  if (errors.length > 0) throw new AppError("validation-failed", "the evidence names files that were never uploaded", { errors });
}
