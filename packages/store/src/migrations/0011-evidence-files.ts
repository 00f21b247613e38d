import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../store-dialect.js";

/**
 * Uploaded evidence files (佐证文件), content-addressed by the sha256 of
 * their bytes: a file uploaded twice is one row. On PostgreSQL (and SQLite
 * in memory) the bytes live here; the embedded store on a data folder keeps
 * them as files under `<data>/evidence/` instead and leaves this table
 * empty (evidence-files.ts). Progress rows and history name a file by its
 * hash in their evidence JSON; nothing references this table by key, so a
 * row is never deleted with the evidence that named it (history still does).
 */
export function evidenceFilesMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("evidence_files")
        .addColumn("sha256", "text", (c) => c.primaryKey())
        .addColumn("size", "integer", (c) => c.notNull())
        .addColumn("content", dialect === "postgres" ? "bytea" : "blob", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
    },
  };
}
