import type { Role } from "@taizhang/contract";
import type { UnitId } from "@taizhang/core";
import { AppError } from "./app-error.js";
import type { Caller } from "./caller.js";

/**
 * Who may do what: one table, read by every use case and by the generated
 * authorisation matrix test. `roles` are the token roles allowed; `ownUnit`
 * narrows an office to its own unit's rows (admins are never narrowed).
 * Reading is open to everyone (the API may demand a token for it:
 * TAIZHANG_READ_REQUIRES_TOKEN, checked before any use case).
 */
export const POLICY = {
  read: { roles: null, ownUnit: false, zh: "查看" },
  // Evidence files follow the rows they belong to: open to whoever may read the row (docs/api.md, "Evidence files").
  "evidence.read": { roles: null, ownUnit: false, zh: "查看佐证文件" },
  "progress.write": { roles: ["admin", "office"], ownUnit: true, zh: "填报进展" },
  "ledger.import": { roles: ["admin", "office"], ownUnit: true, zh: "导入台账" },
  "plans.import": { roles: ["admin"], ownUnit: false, zh: "导入规划" },
  "tasks.assign": { roles: ["admin"], ownUnit: false, zh: "分配单位" },
  "rows.orphaned": { roles: ["admin"], ownUnit: false, zh: "查看已移出单位的进展" },
  "tokens.manage": { roles: ["admin"], ownUnit: false, zh: "管理令牌" },
} as const satisfies Record<string, { roles: readonly Role[] | null; ownUnit: boolean; zh: string }>;

export type Action = keyof typeof POLICY;

/** Whether the caller may take the action (on the unit's rows, for actions narrowed to one's own unit). */
export function may(caller: Caller, action: Action, unitId?: UnitId): boolean {
  const rule: { roles: readonly Role[] | null; ownUnit: boolean } = POLICY[action];
  if (rule.roles === null) return true;
  if (caller.kind === "anonymous" || !rule.roles.includes(caller.role)) return false;
  if (rule.ownUnit && caller.role !== "admin" && unitId !== undefined) return caller.unitId === unitId;
  return true;
}

/**
 * Lets the action through or throws: `unauthorized` without a token,
 * `forbidden` with a role or unit that may not. Checked before anything is
 * read, so a refused caller learns nothing about other units' rows.
 */
export function authorize(caller: Caller, action: Action, unitId?: UnitId): asserts caller is Extract<Caller, { kind: "token" }> {
  if (may(caller, action, unitId)) return;
  const rule: { roles: readonly Role[] | null } = POLICY[action];
  if (caller.kind === "anonymous") throw new AppError("unauthorized", "this request needs a bearer token");
  if (rule.roles !== null && !rule.roles.includes(caller.role)) {
    throw new AppError("forbidden", `a ${caller.role} token may not do this; it needs ${rule.roles.join(" or ")}`);
  }
  throw new AppError("forbidden", `this token may only change the progress of ${caller.unitId ?? "its own unit"}`);
}
