import { ResponsiblePersonSchema, type Progress, type ProgressPatch, type ResponsiblePerson } from "@taizhang/core";

/** The fields of a progress line the UI changes. */
export type ProgressField = "status" | "percent" | "note" | "responsiblePerson";
/** The fields changed through a one-line prompt. */
export type TextField = Exclude<ProgressField, "status">;

/** The 责任人 prompt's text: "姓名，职务，联系方式" (post and contact may be left out). */
export function personPromptText(person: ResponsiblePerson | null): string {
  return person ? [person.name, person.post ?? "", person.contact ?? ""].join("，").replace(/，+$/, "") : "";
}

/** Reads the 责任人 prompt back: an empty line names no one. Commas (，or ,) separate name, post and contact. */
export function parsePersonPrompt(text: string): ResponsiblePerson | null {
  const [name = "", post = "", ...rest] = text.split(/[,，]/).map((part) => part.trim());
  const contact = rest.join("，").trim();
  if (name === "") return null;
  return { name, post: post === "" ? null : post, contact: contact === "" ? null : contact };
}

export type PercentReading =
  | { ok: true; value: number }
  | { ok: false; reason: "empty" }
  | { ok: false; reason: "notNumber" | "notWhole" | "outOfRange"; text: string };

/**
 * Reads a typed 完成百分比: a whole number from 0 to 100, with or without a
 * "%" and in full-width digits too (６０％). Anything else is refused with
 * the reason: not a number, not whole, or out of range.
 */
export function readPercent(text: string): PercentReading {
  const t = text.normalize("NFKC").trim().replace(/%$/, "").trim();
  if (t === "") return { ok: false, reason: "empty" };
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) return { ok: false, reason: "notNumber", text: text.trim() };
  const n = Number(t);
  if (n < 0 || n > 100) return { ok: false, reason: "outOfRange", text: text.trim() };
  if (!Number.isInteger(n)) return { ok: false, reason: "notWhole", text: text.trim() };
  // "-0" is zero.
  return { ok: true, value: n === 0 ? 0 : n };
}

/** What a prompt starts from: the value being changed. */
export function fieldText(field: TextField, progress: Progress): string {
  switch (field) {
    case "percent":
      return String(progress.percent);
    case "note":
      return progress.note;
    case "responsiblePerson":
      return personPromptText(progress.responsiblePerson);
  }
}

/** Why what was typed is not written. */
export type FieldRefusal =
  | { reason: "percentNotNumber" | "percentNotWhole" | "percentOutOfRange"; text: string }
  | { reason: "noteTooLong"; length: number; max: number }
  | { reason: "personTooLong"; part: "name" | "post" | "contact"; max: number };

export type FieldReading =
  | { kind: "patch"; patch: ProgressPatch }
  /** Nothing typed: the prompt is cancelled (the note is not erased by an empty Enter). */
  | { kind: "empty" }
  | { kind: "unchanged" }
  | { kind: "refused"; refusal: FieldRefusal };

const NOTE_MAX = 4000;
const PERSON_MAX = { name: 50, post: 50, contact: 100 } as const;

const samePerson = (a: ResponsiblePerson | null, b: ResponsiblePerson | null): boolean =>
  a === null || b === null ? a === b : a.name === b.name && a.post === b.post && a.contact === b.contact;

/** Reads what was typed into a field's prompt against the progress it changes. */
export function readField(field: TextField, text: string, progress: Progress): FieldReading {
  switch (field) {
    case "percent": {
      const r = readPercent(text);
      if (r.ok) return r.value === progress.percent ? { kind: "unchanged" } : { kind: "patch", patch: { percent: r.value } };
      if (r.reason === "empty") return { kind: "empty" };
      const reason = r.reason === "notNumber" ? "percentNotNumber" : r.reason === "notWhole" ? "percentNotWhole" : "percentOutOfRange";
      return { kind: "refused", refusal: { reason, text: r.text } };
    }
    case "note": {
      const note = text.trim();
      if (note === "") return { kind: "empty" };
      if (note === progress.note) return { kind: "unchanged" };
      // The limit is the schema's, counted as it counts (UTF-16 code units).
      if (note.length > NOTE_MAX) return { kind: "refused", refusal: { reason: "noteTooLong", length: note.length, max: NOTE_MAX } };
      return { kind: "patch", patch: { note } };
    }
    case "responsiblePerson": {
      // An empty line names no one: the one way to take a person off a line.
      const person = parsePersonPrompt(text);
      if (samePerson(person, progress.responsiblePerson)) return { kind: "unchanged" };
      if (person !== null && !ResponsiblePersonSchema.safeParse(person).success) {
        const part = (["name", "post", "contact"] as const).find((p) => (person[p]?.length ?? 0) > PERSON_MAX[p]) ?? "name";
        return { kind: "refused", refusal: { reason: "personTooLong", part, max: PERSON_MAX[part] } };
      }
      return { kind: "patch", patch: { responsiblePerson: person } };
    }
  }
}
