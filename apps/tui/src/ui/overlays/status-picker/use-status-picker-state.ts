import { PROGRESS_STATUSES, type ProgressStatus } from "@taizhang/core";
import { useCallback } from "react";
import { useLatestReducer } from "../../input/use-latest-reducer.js";

/** The picker offers the five statuses in the order of work. */
export const STATUS_CHOICES: readonly ProgressStatus[] = PROGRESS_STATUSES;

export interface StatusPickerState {
  cursor: number;
  /** The status under the cursor as the keys so far left it, ahead of what is drawn. */
  focused(): ProgressStatus;
  move(by: 1 | -1): void;
}

const step = (cursor: number, by: number): number => (cursor + by + STATUS_CHOICES.length) % STATUS_CHOICES.length;

/** The status picker's cursor: starts on the current status, wraps around at either end. */
export function useStatusPickerState(current: ProgressStatus): StatusPickerState {
  const [cursor, dispatch, latest] = useLatestReducer(step, () => Math.max(0, STATUS_CHOICES.indexOf(current)));
  const move = useCallback((by: 1 | -1) => dispatch(by), [dispatch]);
  const focused = useCallback(() => STATUS_CHOICES[latest()] ?? current, [latest, current]);
  return { cursor, focused, move };
}
