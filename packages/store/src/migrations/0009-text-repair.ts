import { escapeUnstorableText, findUnstorableText, isStorableText, repairStoredText } from "@taizhang/core";
import { sql, type Kysely, type Migration, type RawBuilder } from "kysely";
import type { StoreDialect } from "../store-dialect.js";

/** A table's user text: how its rows are keyed, its plain text columns and its JSON text columns. */
interface TextTable {
  table: string;
  key: readonly string[];
  text: readonly string[];
  json: readonly string[];
}

/** Every stored string a user (or a token holder) wrote, as the schema is at 0008. */
const USER_TEXT: readonly TextTable[] = [
  {
    table: "progress",
    key: ["item_id", "unit_id"],
    text: ["note", "responsible_person_name", "updated_by"],
    json: ["evidence_json", "measured_value_json", "responsible_person_json"],
  },
  { table: "history", key: ["id"], text: ["note", "actor"], json: ["before_json", "after_json"] },
  { table: "assignment_history", key: ["id"], text: ["reason", "actor"], json: [] },
  { table: "tokens", key: ["id"], text: ["name"], json: [] },
];

const BATCH = 500;

type Row = Record<string, string | number | null>;

/** A JSON value with every string (and key) in it repaired. */
function repairJson(value: unknown): unknown {
  if (typeof value === "string") return repairStoredText(value);
  if (Array.isArray(value)) return value.map(repairJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [repairStoredText(k), repairJson(v)]));
  }
  return value;
}

/** The text of a column as stored. SQLite hands strings back cut at a NUL, so there the bytes are read (hex) and decoded. */
function decoded(dialect: StoreDialect, value: string | number | null): string | null {
  if (value === null) return null;
  if (dialect === "postgres") return String(value);
  return new TextDecoder("utf-8").decode(Buffer.from(String(value), "hex"));
}

/**
 * Repairs the stored text core's text policy refuses (docs/reliability.md):
 * text written before the store refused it — a NUL that SQLite cut the note
 * at, a lone surrogate the row holds as U+FFFD but history holds raw, a
 * U+FFFF that made every .xlsx export of the plan unreadable. NUL and the
 * characters XML 1.0 forbids are removed, lone surrogates become U+FFFD (so
 * history's `after` of a version agrees again with `before` of the next),
 * and each repair is recorded in `text_repairs` — table, row, field, the text
 * before (escaped) and after — so it is reported, not silent.
 */
export function textRepairMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("text_repairs")
        .addColumn("id", "integer", (c) =>
          dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn("table_name", "text", (c) => c.notNull())
        .addColumn("row_key", "text", (c) => c.notNull())
        .addColumn("field", "text", (c) => c.notNull())
        .addColumn("before_escaped", "text", (c) => c.notNull())
        .addColumn("after", "text", (c) => c.notNull())
        .addColumn("repaired_at", "text", (c) => c.notNull())
        .execute();
      const repairedAt = new Date().toISOString();
      for (const spec of USER_TEXT) await repairTable(db, dialect, spec, repairedAt);
    },
  };
}

async function repairTable(db: Kysely<unknown>, dialect: StoreDialect, spec: TextTable, repairedAt: string): Promise<void> {
  const columns = [...spec.text, ...spec.json];
  const select = sql.join([
    ...spec.key.map((k) => sql.ref(k)),
    ...columns.map((c) => (dialect === "sqlite" ? sql`case when ${sql.ref(c)} is null then null else hex(${sql.ref(c)}) end as ${sql.ref(c)}` : sql.ref(c))),
  ]);
  const keyTuple = sql.join(spec.key.map((k) => sql.ref(k)));
  let after: Array<string | number> | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after === null ? sql`` : sql`where (${keyTuple}) > (${sql.join(after)})`;
    const { rows }: { rows: Row[] } = await sql<Row>`select ${select} from ${sql.table(spec.table)} ${where} order by ${keyTuple} limit ${BATCH}`.execute(db);
    for (const row of rows) await repairRow(db, dialect, spec, row, repairedAt);
    const last: Row | undefined = rows.at(-1);
    if (!last) return;
    after = spec.key.map((k): string | number => last[k] ?? "");
  }
}

async function repairRow(db: Kysely<unknown>, dialect: StoreDialect, spec: TextTable, row: Row, repairedAt: string): Promise<void> {
  const changes: Array<{ column: string; field: string; before: string; after: string }> = [];
  for (const column of spec.text) {
    const text = decoded(dialect, row[column] ?? null);
    if (text === null || isStorableText(text)) continue;
    changes.push({ column, field: column, before: text, after: repairStoredText(text) });
  }
  for (const column of spec.json) {
    const text = decoded(dialect, row[column] ?? null);
    if (text === null) continue;
    const value = JSON.parse(text) as unknown;
    const found = findUnstorableText(value, column);
    if (found === null && isStorableText(text)) continue;
    changes.push({ column, field: found?.field ?? column, before: text, after: JSON.stringify(repairJson(value)) });
  }
  if (changes.length === 0) return;
  const rowKey = spec.key.map((k) => String(row[k])).join("|");
  const sets = sql.join(changes.map((c) => sql`${sql.ref(c.column)} = ${c.after}`));
  const match = sql.join(
    spec.key.map((k) => sql`${sql.ref(k)} = ${row[k]}`),
    sql` and `,
  );
  await sql`update ${sql.table(spec.table)} set ${sets} where ${match}`.execute(db);
  for (const c of changes) {
    await sql`insert into text_repairs (table_name, row_key, field, before_escaped, after, repaired_at)
      values (${spec.table}, ${rowKey}, ${c.field}, ${escapeUnstorableText(c.before)}, ${c.after}, ${repairedAt})`.execute(db);
  }
}
