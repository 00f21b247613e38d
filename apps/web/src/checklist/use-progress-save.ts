import { etagOf, itemPathParams } from "@taizhang/contract";
import type { ProgressPatch } from "@taizhang/core";
import { useCallback, useState } from "react";
import { ConflictError } from "@taizhang/client";
import type { Progress, ProgressFields } from "@taizhang/core";
import type { ChecklistEntry as ChecklistRow } from "@taizhang/contract";
import { useApp } from "../app-context.js";

export type SaveState =
  | { status: "idle" }
  | { status: "saving" }
  /** Saved; `undo` is the change that puts back what this save replaced (null once undone, or when nothing changed). */
  | { status: "saved"; undo: ProgressPatch | null; undone: boolean }
  /** Refused or failed: the error, for the problem catalogue (ui/problem-message.tsx) to put in words. */
  | { status: "error"; error: unknown }
  /** Someone saved first: their state, and the change of ours that was not saved. */
  | { status: "conflict"; current: Progress; patch: ProgressPatch };

const FIELDS = ["status", "percent", "note", "evidence", "measuredValue", "responsiblePerson"] as const satisfies readonly (keyof ProgressFields)[];

/** The change that puts `after` back to `before`: every field that differs, with its old value. */
export function undoPatch(before: ProgressFields, after: ProgressFields): ProgressPatch | null {
  const patch: Record<string, unknown> = {};
  for (const key of FIELDS) if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = before[key];
  return Object.keys(patch).length > 0 ? (patch as ProgressPatch) : null;
}

/**
 * Saves a change to one (item, unit) with the version it was made on. A stale
 * version is never retried silently: the newer state is shown and the user
 * decides whether to apply their change again.
 */
export function useProgressSave(row: ChecklistRow, onSaved: (progress: Progress) => Promise<void>) {
  const { api } = useApp();
  const [state, setState] = useState<SaveState>({ status: "idle" });

  const send = useCallback(
    async (patch: ProgressPatch, version: number, before: ProgressFields, undoing = false): Promise<boolean> => {
      setState({ status: "saving" });
      try {
        const progress = await api.op.updateProgress({ params: { ...itemPathParams(row.item.id), unitId: row.unitId }, json: patch }, { headers: { "if-match": etagOf(version) } });
        // "Saved" once every view shows the API's fresh state (deadline flags included).
        await onSaved(progress);
        setState({ status: "saved", undo: undoing ? null : undoPatch(before, progress), undone: undoing });
        return true;
      } catch (error) {
        if (error instanceof ConflictError) {
          // Show the newer state at once so the list never displays a value that is no longer true.
          void onSaved(error.current);
          setState({ status: "conflict", current: error.current, patch });
        } else {
          setState({ status: "error", error });
        }
        return false;
      }
    },
    [api, row.item.id, row.unitId, onSaved],
  );

  const save = useCallback((patch: ProgressPatch) => send(patch, row.progress.version, row.progress), [send, row.progress]);

  const redo = useCallback(() => {
    if (state.status !== "conflict") return Promise.resolve(false);
    return send(state.patch, state.current.version, state.current);
  }, [send, state]);

  /** Puts back what the last save replaced, on the version that save made (a newer change by someone else is a conflict, as any). */
  const undo = useCallback(() => {
    if (state.status !== "saved" || !state.undo) return Promise.resolve(false);
    return send(state.undo, row.progress.version, row.progress, true);
  }, [send, state, row.progress]);

  const dismiss = useCallback(() => setState({ status: "idle" }), []);

  return { state, save, redo, undo, dismiss };
}
