import { sha256Hex } from "./content-hash.js";
import { decodeCursor } from "./cursor.js";
import type { TaskFilter } from "./ledger.js";

export type TaskSort = "number" | "due";

/** The sort key of every task a filter selects, in list order (parallel arrays). */
export interface TaskKeyColumns {
  ids: string[];
  planIds: string[];
  numbers: number[];
  firstDues: string[];
}

/**
 * Whether the tasks a filter selects depend only on the plans' content and
 * the units assigned to tasks, which change only with a plan's revision, and
 * not on progress (status, overdue, a unit's or role's rows within due dates),
 * which changes with every update.
 */
export function dependsOnPlansOnly(filter: TaskFilter): boolean {
  const byUnit = filter.unitId !== undefined || filter.role !== undefined;
  const byDue = filter.dueBefore !== undefined || filter.dueAfter !== undefined;
  return filter.status === undefined && filter.overdueAsOf === undefined && !(byUnit && byDue);
}

/** The cache key of a filter and sort: equal for filters that select the same tasks in the same order. */
export function taskListKey(filter: TaskFilter, sort: TaskSort): string {
  return JSON.stringify([
    sort,
    filter.planId ?? null,
    filter.partNumber ?? null,
    filter.sectionNumber ?? null,
    filter.unitId ?? null,
    filter.role ?? null,
    filter.dueBefore ?? null,
    filter.dueAfter ?? null,
    filter.guarantee ?? null,
    filter.theme ?? null,
    filter.taskIds === undefined ? null : sha256Hex(filter.taskIds.join("\n")),
  ]);
}

/** One filter's task keys, as the database had them at one plans revision. */
export class TaskKeyList {
  private positions: Map<string, number> | null = null;

  constructor(private readonly columns: TaskKeyColumns) {}

  get length(): number {
    return this.columns.ids.length;
  }

  ids(start: number, end: number): string[] {
    return this.columns.ids.slice(start, end);
  }

  /** The cursor's sort key for the task at `index`, as the uncached query encodes it. */
  cursorKey(index: number, sort: TaskSort): Array<string | number> {
    const { planIds, numbers, firstDues } = this.columns;
    const key = [planIds[index] ?? "", numbers[index] ?? 0];
    return sort === "number" ? key : [firstDues[index] ?? "", ...key];
  }

  /**
   * Where the page after `cursor` starts: just after the task the cursor
   * names. Null when no task here has that key (the list changed since the
   * cursor was issued, or the cursor was made by hand): the caller then asks
   * the database, which answers for any key. Throws as the uncached query
   * does for a cursor of another sort or a malformed one.
   */
  after(cursor: string, sort: TaskSort): number | null {
    const key = decodeCursor(cursor, sort, sort === "number" ? ["string", "number"] : ["string", "string", "number"]);
    const [planId, number] = sort === "number" ? key : key.slice(1);
    const index = this.positionsByKey().get(`${String(planId)}\u0000${String(number)}`);
    if (index === undefined) return null;
    // Exact matches only: the list is in the database's order, which JavaScript's comparison of strings need not share.
    if (sort === "due" && this.columns.firstDues[index] !== key[0]) return null;
    return index + 1;
  }

  private positionsByKey(): Map<string, number> {
    if (!this.positions) {
      const { planIds, numbers } = this.columns;
      this.positions = new Map(planIds.map((planId, i) => [`${planId}\u0000${String(numbers[i])}`, i]));
    }
    return this.positions;
  }
}

interface Entry {
  revision: string;
  list: Promise<TaskKeyList>;
  /** Keys held, once the list is read. */
  size: number;
}

/**
 * The task keys of recently asked filters, each valid for the plans revision
 * it was read at (see plans-revision.ts). Least recently used lists go first
 * when there are more than `maxLists`, or more than `maxKeys` keys in all.
 * Concurrent requests for a list share one read of it.
 */
export class TaskKeyCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  constructor(
    private readonly maxLists = 32,
    private readonly maxKeys = 250_000,
  ) {}

  /**
   * The list for `key` at `revision`. `revision` must be read from the
   * database before `read` runs: a list may then be newer than its revision
   * (a write committed in between, and the next call, seeing the new
   * revision, reads it again) but never older.
   */
  get(key: string, revision: string, read: () => Promise<TaskKeyColumns>): Promise<TaskKeyList> {
    const found = this.entries.get(key);
    if (found && found.revision === revision) {
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.list;
    }
    if (found) this.drop(key, found);
    const entry: Entry = {
      revision,
      size: 0,
      list: read().then(
        (columns) => {
          if (this.entries.get(key) === entry) {
            entry.size = columns.ids.length;
            this.held += entry.size;
            this.evict();
          }
          return new TaskKeyList(columns);
        },
        (error: unknown) => {
          if (this.entries.get(key) === entry) this.drop(key, entry);
          throw error;
        },
      ),
    };
    this.entries.set(key, entry);
    this.evict();
    return entry.list;
  }

  /** How many lists and keys are held (for tests). */
  stats(): { lists: number; keys: number } {
    return { lists: this.entries.size, keys: this.held };
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.held -= entry.size;
  }

  /** Least recently used first; the list just read goes too if it alone is over the budget. */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxLists && this.held <= this.maxKeys) return;
      this.drop(key, entry);
    }
  }
}
