import type { ProgressPatch } from "@taizhang/core";
import { useCallback, useRef, useState } from "react";
import type { DataError } from "../../data/data-result.js";
import type { DataSource, ProgressRow } from "../../data/data-source.js";
import type { Message } from "./app-state.js";
import type { ProgressField, TextField } from "./progress-fields.js";

export interface SaveRequest {
  target: ProgressRow;
  field: ProgressField;
  patch: ProgressPatch;
  /** What was typed, kept when the write fails (someone else wrote first, the server is offline) so it can be applied again. */
  draft: string | null;
}

export interface ProgressWriter {
  /** A write is under way: keys wait for it, and for the screen to show its result. */
  saving: boolean;
  save(request: SaveRequest): void;
  /** The text a failed write left for this field of this line, taken (once) to start its prompt from. */
  takeDraft(field: TextField, target: ProgressRow): string | null;
}

export interface ProgressWriterDeps {
  ds: DataSource;
  /** The message after a write: what was saved, or why not (and whether the typed text was kept). */
  report(request: SaveRequest, outcome: { ok: true } | { ok: false; error: DataError; draftKept: boolean }): Message;
  say(message: Message): void;
  /** Reload the screen, to show what is stored now. */
  reload(): void;
}

const draftKey = (field: ProgressField, target: ProgressRow): string => `${field}|${target.itemId}|${target.unitId}`;

/**
 * Writes progress with the version the screen showed (compare-and-set):
 * a stale version is refused by the store, reported, and the screen
 * reloads; what was typed is kept as a draft for the next prompt.
 */
export function useProgressWriter({ ds, report, say, reload }: ProgressWriterDeps): ProgressWriter {
  const [saving, setSaving] = useState(false);
  // Read when a prompt opens, never drawn: a ref, not state.
  const drafts = useRef(new Map<string, string>());
  const save = useCallback(
    (request: SaveRequest) => {
      const { target, field, patch, draft } = request;
      setSaving(true);
      void ds.updateProgress({ itemId: target.itemId, unitId: target.unitId, expectedVersion: target.progress.version, patch }).then((result) => {
        const key = draftKey(field, target);
        if (result.ok) {
          drafts.current.delete(key);
          say(report(request, { ok: true }));
        } else {
          if (draft !== null) drafts.current.set(key, draft);
          say(report(request, { ok: false, error: result.error, draftKept: draft !== null }));
        }
        setSaving(false);
        reload();
      });
    },
    [ds, report, say, reload],
  );
  const takeDraft = useCallback((field: TextField, target: ProgressRow): string | null => {
    const key = draftKey(field, target);
    const draft = drafts.current.get(key) ?? null;
    drafts.current.delete(key);
    return draft;
  }, []);
  return { saving, save, takeDraft };
}
