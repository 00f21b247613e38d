import { sql } from "kysely";
import type { ChecklistItemId, UnitId } from "@taizhang/core";
import { storeInternals } from "./kysely-ledger.js";
import type { Ledger } from "./ledger.js";

/*
 * What operators and the benchmarks ask of a store below the Ledger
 * interface: row counts, sizes, dropping a scratch schema, and the floor a
 * progress write is measured against. Kept here, so no code outside
 * packages/store touches Kysely or SQL.
 */

/** Rows in the store's progress and history tables. */
export async function rowCounts(ledger: Ledger): Promise<{ progress: number; history: number }> {
  const { db } = storeInternals(ledger);
  const count = async (table: "progress" | "history") => Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? NaN);
  return { progress: await count("progress"), history: await count("history") };
}

/** Bytes of every table of a PostgreSQL schema, with indexes and TOAST. */
export async function postgresSchemaBytes(ledger: Ledger, schema: string): Promise<number> {
  const result = await sql<{ bytes: string | number | null }>`
    select sum(pg_total_relation_size(c.oid)) as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind = 'r'`.execute(storeInternals(ledger).db);
  return Number(result.rows[0]?.bytes ?? NaN);
}

/** Drops a PostgreSQL schema and everything in it (benchmarks' and tests' scratch schemas). */
export async function dropPostgresSchema(ledger: Ledger, schema: string): Promise<void> {
  await storeInternals(ledger).db.schema.dropSchema(schema).ifExists().cascade().execute();
}

/**
 * A plain single-row UPDATE of a progress note through the store's driver,
 * bypassing versions, history and the write path: the floor a progress
 * write is measured against (`pnpm bench`). Never for real changes.
 */
export async function rawNoteUpdate(ledger: Ledger, row: { itemId: ChecklistItemId | string; unitId: UnitId | string }, note: string): Promise<void> {
  await sql`UPDATE progress SET note = ${note}, version = version + 1 WHERE item_id = ${row.itemId} AND unit_id = ${row.unitId}`.execute(storeInternals(ledger).db);
}
