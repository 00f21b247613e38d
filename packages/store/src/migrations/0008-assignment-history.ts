import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../store-dialect.js";

/**
 * The assignment history (分工变更记录): one row per change of a task's
 * units — an admin's assignment, removal or replacement, or a re-import of
 * the plan's text that changed them — with who, when, why, the units before
 * and after, and the progress rows the change orphaned or restored. Kept
 * beside `history` (one row per (item, unit) change of progress), whose
 * shape every export and front end reads; like it, never edited.
 */
export function assignmentHistoryMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("assignment_history")
        .addColumn("id", "integer", (c) =>
          dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
        .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("before_json", "text", (c) => c.notNull())
        .addColumn("after_json", "text", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("orphaned_json", "text", (c) => c.notNull())
        .addColumn("restored_json", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("assignment_history_task").on("assignment_history").columns(["task_id", "id"]).execute();
      await db.schema.createIndex("assignment_history_plan").on("assignment_history").columns(["plan_id", "id"]).execute();
    },
  };
}
