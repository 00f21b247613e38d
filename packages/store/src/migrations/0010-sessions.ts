import type { Kysely, Migration } from "kysely";

/**
 * Web sessions (docs/reliability.md): one row per signed-in browser, keyed by
 * the sha256 of its random session id (the cookie holds the id, the store
 * only its hash), with the token it acts as and when it expires. Sign-out
 * deletes the row; revoking the token deletes all of its rows.
 */
export const sessionsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("sessions")
      .addColumn("id_hash", "text", (c) => c.primaryKey())
      .addColumn("token_id", "text", (c) => c.notNull().references("tokens.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("last_seen", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("sessions_token").on("sessions").column("token_id").execute();
  },
};
