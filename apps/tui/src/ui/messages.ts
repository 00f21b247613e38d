import type { DataError } from "../data/data-result.js";
import type { DataOrigin, ProgressRow } from "../data/data-source.js";
import type { FieldRefusal, ProgressField } from "./app/progress-fields.js";
import type { LabelKey, Translate } from "./i18n.js";
import type { ScreenRef } from "./screens/screen-types.js";
import { unitName } from "./screens/format.js";

/** What the UI was doing when a data source said no: it decides the words. */
export type ErrorContext =
  | { op: "load"; ref: ScreenRef }
  | { op: "save"; field: ProgressField; target: ProgressRow }
  | { op: "units" };

/** A field's name in words: 状态, 完成百分比, 进展说明, 责任人. */
export const FIELD_LABELS: Record<ProgressField, LabelKey> = {
  status: "fieldStatus",
  percent: "fieldPercent",
  note: "fieldNote",
  responsiblePerson: "fieldPerson",
};

/** The unit a screen asked for by name, when it did: a checklist's unit, or a task filter's. */
function unitAskedFor(context: ErrorContext): string | null {
  if (context.op !== "load") return null;
  if (context.ref.kind === "checklist") return context.ref.unit;
  if (context.ref.kind === "tasks") return context.ref.query.unit ?? null;
  return null;
}

/** What to do about a unit that was not found or not one: choose another (我的清单), or change the filter. */
function unitHint(context: ErrorContext, t: Translate): string {
  return context.op === "load" && context.ref.kind === "checklist" ? t("pickUnitHint") : t("editFilterHint");
}

/**
 * A data source's refusal in the user's language. The words come from the
 * kind of error and what the UI asked for, never from the source's own
 * (English, technical) message text, which stays out of the UI.
 */
export function errorText(error: DataError, context: ErrorContext, origin: DataOrigin, t: Translate): string {
  const unit = unitAskedFor(context);
  switch (error.kind) {
    case "unavailable":
      return origin.kind === "remote" ? t("serverDown", { url: origin.location }) : t("storeFailed", { dir: origin.location });
    case "forbidden":
      return context.op === "save" ? t("saveForbidden", { unit: unitName(context.target.unitId) }) : t("loadForbidden");
    case "not_found":
      if (context.op === "save") return t("noSuchItem", { item: context.target.itemId, unit: unitName(context.target.unitId) });
      if (unit !== null) return `${t("noSuchUnit", { name: unit })}${unitHint(context, t)}`;
      if (context.op === "load" && context.ref.kind === "plan") return t("noSuchPlan", { id: context.ref.planId });
      if (context.op === "load" && context.ref.kind === "task") return t("noSuchTask", { id: context.ref.taskId });
      return t("notFound");
    case "invalid":
      if (unit !== null && error.candidates && error.candidates.length > 0)
        return `${t("ambiguousUnit", { name: unit, candidates: error.candidates.map((id) => id.replace(":", " ")).join("、") })}${unitHint(context, t)}`;
      if (context.op === "save") return t("saveRefused", { field: t(FIELD_LABELS[context.field]) });
      return t("invalidRequest");
    case "conflict":
      return t("conflict", { v: error.current?.version ?? "?" });
  }
}

/** Why a typed value was not taken, naming the field and what would be. */
export function refusalText(refusal: FieldRefusal, t: Translate): string {
  switch (refusal.reason) {
    case "percentNotNumber":
      return t("percentNotNumber", { text: refusal.text });
    case "percentNotWhole":
      return t("percentNotWhole", { text: refusal.text });
    case "percentOutOfRange":
      return t("percentOutOfRange", { text: refusal.text });
    case "noteTooLong":
      return t("noteTooLong", { n: refusal.length, max: refusal.max });
    case "personTooLong":
      return t("personTooLong", { part: t(refusal.part === "name" ? "personName" : refusal.part === "post" ? "personPost" : "personContact"), max: refusal.max });
  }
}
