import type { DataError } from "../data/data-result.js";
import type { ProgressRow } from "../data/data-source.js";
import type { FieldRefusal, ProgressField } from "./app/progress-fields.js";
import { problemText } from "../data/problem-messages.js";
import type { Lang, LabelKey, Translate } from "./i18n.js";
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

/** A sentence of the UI: the catalogue's words start lower-case in English, to follow "taizhang <command>: " on the CLI. */
const sentence = (text: string, lang: Lang): string => (lang === "en" ? text.charAt(0).toUpperCase() + text.slice(1) : text);

/**
 * A data source's refusal in the user's language. The words are the
 * catalogue's (data/problem-messages.ts, which the CLI says its errors with
 * too), never the source's own (English, technical) message text, which
 * stays out of the UI; the UI adds what to do next, by what it asked for
 * (choose a unit with u, change the filter with f, the reload after a
 * conflict, the unit whose line it was).
 */
export function errorText(error: DataError, context: ErrorContext, t: Translate, lang: Lang): string {
  const unit = unitAskedFor(context);
  const said = error.said;
  switch (error.kind) {
    case "forbidden":
      if (said?.key === "problem" && (said.code === "unauthorized" || said.code === "invalid-token") && context.op !== "save") return t("loadForbidden");
      return context.op === "save" ? t("saveForbidden", { unit: unitName(context.target.unitId) }) : sentence(problemText(error, lang), lang);
    case "not_found":
      if (context.op === "save") return t("noSuchItem", { item: context.target.itemId, unit: unitName(context.target.unitId) });
      if (unit !== null && (said === undefined || said.key === "noSuchUnit")) return `${sentence(problemText({ ...error, said: { key: "noSuchUnit", name: unit } }, lang), lang)}${unitHint(context, t)}`;
      return sentence(problemText(error, lang), lang);
    case "invalid":
      if (unit !== null && said?.key === "ambiguousUnit") return `${sentence(problemText(error, lang), lang)}${unitHint(context, t)}`;
      // A refusal naming its field says which and why (进展说明含有无法保存的字符); one without, which field was refused.
      if (context.op === "save" && !(said?.key === "problem" && said.field !== null)) return t("saveRefused", { field: t(FIELD_LABELS[context.field]) });
      return sentence(problemText(error, lang), lang);
    case "conflict":
      if (error.current) return t("conflict", { v: error.current.version });
      return sentence(problemText(error, lang), lang);
    case "unavailable":
      return sentence(problemText(error, lang), lang);
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
