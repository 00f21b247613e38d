import { ChecklistItemIdSchema, PlanIdSchema, TaskIdSchema, UnitIdSchema, type ChecklistItemId, type PlanId, type TaskId, type UnitId } from "@taizhang/core";
import type { Actor } from "../ledger.js";

export const PLAN: PlanId = PlanIdSchema.parse("testville-2016");
export const task = (n: number): TaskId => TaskIdSchema.parse(`testville-2016/${n}`);
export const item = (n: number, part: "task" | `m${number}`): ChecklistItemId =>
  ChecklistItemIdSchema.parse(`testville-2016/${n}#${part}`);
export const unit = (id: string): UnitId => UnitIdSchema.parse(id);

export const ADMIN: Actor = { name: "管理员", role: "admin", unitId: null, source: "api" };
export const VIEWER: Actor = { name: "观察员", role: "viewer", unitId: null, source: "api" };
export const officeOf = (unitId: UnitId): Actor => ({ name: `${unitId} office`, role: "office", unitId, source: "api" });
