import { itemIdOf, versionFromIfMatch } from "@taizhang/contract";
import type { BulkResult } from "@taizhang/store";
import { AppError } from "../app-error.js";
import { actorOf } from "../caller.js";
import type { AppDeps } from "../deps.js";
import { authorize, may } from "../policy.js";
import { checkEvidenceFiles } from "./evidence.js";
import { fromStore } from "../store-errors.js";
import type { UseCasesFor } from "../use-case.js";

const BULK_STATUS = { forbidden: 403, not_found: 404, stale_version: 412, conflict: 409, invalid: 400, inconsistent: 422 } as const;

/** The version a change is based on, from If-Match; a change without one is refused (428). */
function expectedVersion(header: string | undefined): number {
  let version: number | undefined;
  try {
    version = versionFromIfMatch(header);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError("validation-failed", message, { errors: [{ path: "header.if-match", message: "expected a quoted version number" }] });
  }
  if (version === undefined) {
    throw new AppError("precondition-required", 'a progress change needs If-Match with the version it was based on, e.g. If-Match: "3" (the ETag of GET)');
  }
  return version;
}

/** Progress of one (checklist item, unit): read it, change it on the version it was based on, or change many at once. */
export function progressUseCases({ ledger }: AppDeps): UseCasesFor<"getProgress" | "updateProgress" | "bulkUpdateProgress"> {
  return {
    getProgress: (_caller, { params }) => fromStore(ledger.getProgress(itemIdOf(params), params.unitId)),
    updateProgress: async (caller, { params, headers, json }) => {
      // Refused before anything is read, so an office learns nothing about other units' rows.
      authorize(caller, "progress.write", params.unitId);
      const version = expectedVersion(headers["if-match"]);
      const { comment, ...patch } = json;
      await checkEvidenceFiles(ledger, patch.evidence, "body.evidence");
      return fromStore(ledger.updateProgress(actorOf(caller), { itemId: itemIdOf(params), unitId: params.unitId, expectedVersion: version, patch, comment: comment ?? null }));
    },
    bulkUpdateProgress: async (caller, { json }) => {
      authorize(caller, "progress.write");
      const { updates } = json;
      for (const [i, u] of updates.entries()) await checkEvidenceFiles(ledger, u.patch.evidence, `body.updates.${i}.patch.evidence`);
      // Rows of other units are refused here, without reading anything; the store refuses the rest.
      const result: BulkResult = updates.every((u) => may(caller, "progress.write", u.unitId))
        ? await fromStore(ledger.bulkUpdateProgress(actorOf(caller), updates.map((u) => ({ itemId: u.itemId, unitId: u.unitId, expectedVersion: u.version, patch: u.patch, comment: u.comment ?? null }))))
        : {
            ok: false,
            results: updates.map((u, index) =>
              may(caller, "progress.write", u.unitId)
                ? { index, error: { code: "not_applied" as const, message: "not applied: another update in this batch was refused" } }
                : { index, error: { code: "forbidden" as const, message: `this token may only change the progress of ${caller.unitId ?? "its own unit"}` } },
            ),
          };
      const applied = result.results.flatMap((r) => (r.progress ? [{ index: r.index, progress: r.progress }] : []));
      if (result.ok && applied.length === updates.length) return { ok: true as const, results: applied };
      const first = result.results.find((r) => r.error && r.error.code !== "not_applied")?.error;
      const refused = result.results.filter((r) => r.error && r.error.code !== "not_applied").length;
      throw new AppError(
        "bulk-rejected",
        `${refused || "some"} of ${updates.length} updates were refused, so none was applied${first ? `; first: ${first.message}` : ""}`,
        { results: result.results },
        first && first.code !== "not_applied" ? BULK_STATUS[first.code] : 409,
      );
    },
  };
}
