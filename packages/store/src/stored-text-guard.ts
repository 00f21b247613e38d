import { findUnstorableText } from "@taizhang/core";
import { LedgerError } from "./ledger.js";

/** The problem slug a refused text carries (`details.problem`), and the API answers with (422). */
export const TEXT_NOT_STORABLE = "text-not-storable";

/**
 * Refuses (LedgerError invalid, `details: {problem: "text-not-storable",
 * field}`) a value holding a string core's text policy says cannot be stored
 * and exported faithfully, so nothing any door sends is written half-kept.
 * `field` prefixes the path of the offending string (e.g. "comment").
 */
export function refuseUnstorable(value: unknown, field = ""): void {
  const found = findUnstorableText(value, field);
  if (found) {
    throw new LedgerError("invalid", `${found.detail}: this character cannot be stored; remove it`, {
      problem: TEXT_NOT_STORABLE,
      field: found.field,
    });
  }
}
