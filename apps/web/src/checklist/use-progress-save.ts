import type { ProgressPatch } from "@taizhang/core";
import { useCallback, useState } from "react";
import { ApiError } from "../api/api-error.js";
import type { ChecklistRow, Progress } from "../api/types.js";
import { useApp } from "../app-context.js";

export type SaveState =
  | { status: "idle" }
  | { status: "saving" }
  | { status: "saved" }
  | { status: "error"; message: string; code: "forbidden" | "invalid" | "other" }
  /** Someone saved first: their state, and the change of ours that was not saved. */
  | { status: "conflict"; current: Progress; patch: ProgressPatch };

/**
 * Saves a change to one (item, unit) with the version it was made on. A stale
 * version is never retried silently: the newer state is shown and the user
 * decides whether to apply their change again.
 */
export function useProgressSave(row: ChecklistRow, onSaved: (progress: Progress) => void) {
  const { api } = useApp();
  const [state, setState] = useState<SaveState>({ status: "idle" });

  const send = useCallback(
    async (patch: ProgressPatch, version: number): Promise<boolean> => {
      setState({ status: "saving" });
      try {
        const progress = await api.progress.update(row.item.id, row.unitId, version, patch);
        onSaved(progress);
        setState({ status: "saved" });
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.status === 412 && error.current) {
          // Show the newer state at once so the list never displays a value that is no longer true.
          onSaved(error.current);
          setState({ status: "conflict", current: error.current, patch });
        } else if (error instanceof ApiError && (error.status === 403 || error.status === 401)) {
          setState({ status: "error", code: "forbidden", message: error.message });
        } else if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
          const paths = error.problem.errors?.map((e) => `${e.path}: ${e.message}`).join("; ");
          setState({ status: "error", code: "invalid", message: paths || error.message });
        } else {
          setState({ status: "error", code: "other", message: error instanceof Error ? error.message : String(error) });
        }
        return false;
      }
    },
    [api, row.item.id, row.unitId, onSaved],
  );

  const save = useCallback((patch: ProgressPatch) => send(patch, row.progress.version), [send, row.progress.version]);

  const redo = useCallback(() => {
    if (state.status !== "conflict") return Promise.resolve(false);
    return send(state.patch, state.current.version);
  }, [send, state]);

  const dismiss = useCallback(() => setState({ status: "idle" }), []);

  return { state, save, redo, dismiss };
}
