import { z } from "zod";
import { LedgerError } from "./ledger.js";

/**
 * Keyset cursors: the sort key of the last row of a page, as opaque base64url
 * JSON. A cursor names the sort it belongs to so it cannot be replayed
 * against another ordering.
 */
const CursorSchema = z.object({
  s: z.string(),
  k: z.array(z.union([z.string(), z.number()])),
});

export function encodeCursor(sort: string, key: Array<string | number>): string {
  return Buffer.from(JSON.stringify({ s: sort, k: key }), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, sort: string, shape: ReadonlyArray<"string" | "number">): Array<string | number> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new LedgerError("invalid", "the cursor is not one this store issued");
  }
  const parsed = CursorSchema.safeParse(decoded);
  if (
    !parsed.success ||
    parsed.data.s !== sort ||
    parsed.data.k.length !== shape.length ||
    parsed.data.k.some((v, i) => typeof v !== shape[i])
  ) {
    throw new LedgerError("invalid", `the cursor does not belong to a list sorted by ${sort}`);
  }
  return parsed.data.k;
}
