import { storeInternals } from "./kysely-ledger.js";
import type { Ledger } from "./ledger.js";

/** One stored text that migration 0009 repaired. */
export interface TextRepair {
  table: string;
  /** The row's key values joined by `|`, e.g. `chengdu-2015/1#task|成都市:市司法局` or a history id. */
  rowKey: string;
  field: string;
  /** The text before, with its unstorable characters written as `\u{…}` escapes. */
  beforeEscaped: string;
  after: string;
  repairedAt: string;
}

/**
 * The report of migration 0009's repairs (docs/reliability.md): every stored
 * text the store held that the text policy refuses, what it was and what it
 * became. Empty on a store that never held such text.
 */
export async function listTextRepairs(ledger: Ledger): Promise<TextRepair[]> {
  const rows = await storeInternals(ledger).db.selectFrom("text_repairs").selectAll().orderBy("id").execute();
  return rows.map((r) => ({
    table: r.table_name,
    rowKey: r.row_key,
    field: r.field,
    beforeEscaped: r.before_escaped,
    after: r.after,
    repairedAt: r.repaired_at,
  }));
}
