import type { Kysely, Migration } from "kysely";

/** The columns this migration reads and writes, as they are at this point in the schema's history. */
interface At0003 {
  tasks: { id: string; themes_json: string };
  task_themes: { task_id: string; theme: string };
}

/**
 * Adds `task_themes` (task, theme), one row per theme of a task, indexed by
 * theme: the task list's theme filter was a LIKE over `tasks.themes_json`,
 * a scan of every task (seconds at national scale). `themes_json` stays the
 * source for reading a task; this table is kept in step by plan writes.
 * Existing tasks are filled in batches.
 */
export const taskThemesMigration: Migration = {
  async up(untyped: Kysely<unknown>): Promise<void> {
    const db = untyped as unknown as Kysely<At0003>;
    await db.schema
      .createTable("task_themes")
      .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
      .addColumn("theme", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("task_themes_pk", ["task_id", "theme"])
      .execute();
    await db.schema.createIndex("task_themes_theme").on("task_themes").columns(["theme", "task_id"]).execute();
    let after = "";
    for (;;) {
      const rows = await db.selectFrom("tasks").select(["id", "themes_json"]).where("id", ">", after).orderBy("id").limit(500).execute();
      const values = rows.flatMap((row) => (JSON.parse(row.themes_json) as string[]).map((theme) => ({ task_id: row.id, theme })));
      if (values.length > 0) await db.insertInto("task_themes").values(values).execute();
      const last = rows.at(-1);
      if (!last) break;
      after = last.id;
    }
  },
};
