import type { Kysely, Migration } from "kysely";
import { taskSearchText } from "../task-search-text.js";

/** The columns this migration reads and writes, as they are at this point in the schema's history. */
interface TasksAt0002 {
  tasks: { id: string; title: string; text: string; search_text: string };
}

/**
 * Adds `tasks.search_text`: title and text folded by core's search
 * normalisation (traditional → simplified, full-width → half-width, case), so
 * the free-text filter finds 審批 as 审批 and ＡＢＣ as abc. Existing rows are
 * filled in batches.
 */
export const taskSearchTextMigration: Migration = {
  async up(untyped: Kysely<unknown>): Promise<void> {
    const db = untyped as unknown as Kysely<TasksAt0002>;
    await db.schema.alterTable("tasks").addColumn("search_text", "text", (c) => c.notNull().defaultTo("")).execute();
    let after = "";
    for (;;) {
      const rows = await db.selectFrom("tasks").select(["id", "title", "text"]).where("id", ">", after).orderBy("id").limit(500).execute();
      for (const row of rows) {
        await db.updateTable("tasks").set({ search_text: taskSearchText(row) }).where("id", "=", row.id).execute();
      }
      const last = rows.at(-1);
      if (!last) break;
      after = last.id;
    }
  },
};
