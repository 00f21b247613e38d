import type { Task, TaskId } from "@taizhang/core";
import { encodeCursor } from "../cursor.js";
import { LedgerError, type Page, type TaskFilter } from "../ledger.js";
import { plansRevision } from "../plans-revision.js";
import { dependsOnPlansOnly, TaskKeyCache, taskListKey, type TaskSort } from "../task-key-cache.js";
import { assembleTasks, pageOfTasks, taskKeyColumns, tasksInOrder } from "../task-reads.js";
import { clampLimit, type StoreContext } from "./store-context.js";

/** Tasks, one by one or as a filtered, sorted list (the queries themselves are in task-reads.ts). */
export class TasksRepository {
  constructor(private readonly store: StoreContext) {}

  /** The task list's keys per filter (see list). */
  private readonly keys = new TaskKeyCache();

  get(taskId: TaskId): Promise<Task> {
    return this.store.read(async (db) => {
      const row = await db.selectFrom("tasks").selectAll().where("id", "=", taskId).where("orphaned", "=", 0).executeTakeFirst();
      if (!row) throw new LedgerError("not_found", `no task ${taskId}`);
      const [task] = await assembleTasks(db, [row]);
      if (!task) throw new LedgerError("not_found", `no task ${taskId}`);
      return task;
    });
  }

  list(filter: TaskFilter, page: { limit: number; cursor?: string | null; sort?: TaskSort }): Promise<Page<Task>> {
    const sort = page.sort ?? "number";
    const limit = clampLimit(page.limit, 50);
    const cursor = page.cursor ?? null;
    return this.store.read(async (db) => {
      if (!dependsOnPlansOnly(filter)) return pageOfTasks(db, filter, { sort, limit, cursor });
      // A large match (a theme across every plan) costs a sort and a count of all of it per page; its keys
      // are kept instead, for as long as the revision of the plans (read from the database: other processes
      // write to it too) stays the same.
      const revision = await plansRevision(db);
      const keys = await this.keys.get(taskListKey(filter, sort), revision, () => taskKeyColumns(db, filter, sort));
      const start = cursor ? keys.after(cursor, sort) : 0;
      if (start === null) return pageOfTasks(db, filter, { sort, limit, cursor });
      const end = Math.min(start + limit, keys.length);
      return {
        items: await tasksInOrder(db, keys.ids(start, end)),
        nextCursor: end < keys.length ? encodeCursor(sort, keys.cursorKey(end - 1, sort)) : null,
        total: keys.length,
      };
    });
  }
}
