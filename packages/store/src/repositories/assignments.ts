import { assignmentChangeKind, taskChecklist, type AssignmentHistoryEntry, type Task, type TaskId, type UnitId } from "@taizhang/core";
import { readAssignmentHistory, recordAssignmentChanges, storedTaskUnits } from "../assignment-history.js";
import { LedgerError, type Actor, type AssignmentHistoryFilter, type Page, type UnitAssignmentRequest } from "../ledger.js";
import { syncChecklist, writePlanUnitsAdding, writeTaskUnits } from "../plan-sync.js";
import { refuseUnstorable } from "../stored-text-guard.js";
import type { PlansRepository } from "./plans.js";
import { clampLimit, DEFAULT_HISTORY_PAGE, type StoreContext } from "./store-context.js";
import type { TasksRepository } from "./tasks.js";
import type { UnitsRepository } from "./units.js";

/** An admin's assignments of units to tasks, and their history. */
export class AssignmentsRepository {
  constructor(
    private readonly store: StoreContext,
    private readonly plans: PlansRepository,
    private readonly tasks: TasksRepository,
    private readonly units: UnitsRepository,
  ) {}

  /** See Ledger.assignUnits. */
  async assign(actor: Actor, taskId: TaskId, assignments: UnitAssignmentRequest): Promise<Task> {
    if (actor.role !== "admin") throw new LedgerError("forbidden", "only an admin may assign units");
    refuseUnstorable(assignments.reason ?? null, "reason");
    const reason = assignments.reason?.trim() || null;
    if (assignments.replace === true && reason === null) {
      throw new LedgerError("invalid", "replacing units the plan names needs a reason (kept in the assignment history)");
    }
    const task = await this.tasks.get(taskId);
    // Units are looked up in the plan's own jurisdiction: 成都市锦江区's 区司法局, never 成都市武侯区's.
    const { scope, endYear, imported } = await this.plans.assignmentScope(task.planId);
    const resolve = async (name: string): Promise<UnitId> => {
      const found = await this.units.resolve(name, scope);
      const [unit] = found;
      if (!unit) throw new LedgerError("invalid", `no unit named ${name} in ${scope}`);
      if (found.length > 1) throw new LedgerError("invalid", `${name} names ${found.length} units in ${scope}`);
      return unit.id;
    };
    const lead: UnitId[] = [];
    for (const name of assignments.lead) lead.push(await resolve(name));
    const responsible: UnitId[] = [];
    for (const name of assignments.responsible) responsible.push(await resolve(name));
    const after = { lead: [...new Set(lead)], responsible: [...new Set(responsible)] };
    // Whether the plan's text names this task's units: the plan as imported, not the assignments since.
    const own = imported.find((t) => t.number === task.number);
    const namesUnits = (own?.lead?.length ?? 0) + (own?.responsible?.length ?? 0) > 0;
    const changed = await this.store.write(async (trx) => {
      await this.store.lockPlanWrites(trx);
      const before = (await storedTaskUnits(trx, [task.id])).get(task.id) ?? { lead: [], responsible: [] };
      const kind = assignmentChangeKind(before, after);
      if (kind === null) return false;
      if (namesUnits && assignments.replace !== true) {
        throw new LedgerError(
          "conflict",
          `the text of ${task.planId} names the units of ${task.id}: changing them needs replace=true and a reason`,
          { problem: "units-named-by-plan" },
        );
      }
      const assigned = { ...task, ...after };
      await writeTaskUnits(trx, [assigned]);
      await writePlanUnitsAdding(trx, task.planId, [...after.lead, ...after.responsible]);
      const effects = await syncChecklist(trx, { taskIds: [task.id] }, [assigned], taskChecklist(assigned, endYear));
      const at = this.store.now();
      await recordAssignmentChanges(trx, actor, at, [{ planId: task.planId, taskId: task.id, kind, before, after, reason, ...effects }]);
      // The plan changed (its tasks' units): readers that cache plans see a new revision.
      await this.plans.bumpRevision(trx, task.planId, at);
      return true;
    });
    return changed ? this.tasks.get(taskId) : task;
  }

  /** Changes of tasks' units, newest first. */
  history(filter: AssignmentHistoryFilter): Promise<Page<AssignmentHistoryEntry>> {
    const limit = clampLimit(filter.limit, DEFAULT_HISTORY_PAGE);
    return this.store.read((db) =>
      readAssignmentHistory(db, {
        ...(filter.planId !== undefined ? { planId: filter.planId } : {}),
        ...(filter.taskId !== undefined ? { taskId: filter.taskId } : {}),
        limit,
        cursor: filter.cursor ?? null,
      }),
    );
  }
}
