import type { TaskQuery } from "../../../data/data-source.js";
import type { KeyOutcome } from "../../input/key-queue.js";
import { CHOICE_KEYS, FILTER_KEYS, matchAction, PROMPT_KEYS } from "../../input/keymap.js";
import { useKeys } from "../../input/key-queue-provider.js";
import type { FilterState } from "./use-filter-state.js";

export interface UseFilterProps {
  isActive: boolean;
  state: FilterState;
  onApply(query: TaskQuery): void;
  onCancel(): void;
}

/**
 * The filter panel's keys: FILTER_KEYS on the panel, CHOICE_KEYS in a list
 * of choices, PROMPT_KEYS while the unit's name is typed (then letters are
 * text, not commands). Opening or closing the unit's field waits for the
 * redraw: it changes whether pasted text arrives whole.
 */
export function useFilter({ isActive, state, onApply, onCancel }: UseFilterProps): void {
  const typing = state.editing?.field === "unit";
  useKeys(
    (input, key): KeyOutcome => {
      const now = state.latest();
      if (now.editing?.field === "unit") {
        switch (matchAction(PROMPT_KEYS, input, key)) {
          case "type":
            state.type(input);
            return "continue";
          case "erase":
            state.erase();
            return "continue";
          case "submit":
            state.submitUnit();
            return "wait";
          case "cancel":
            state.closeField();
            return "wait";
          case null:
            return "continue";
        }
      }
      if (now.editing) {
        switch (matchAction(CHOICE_KEYS, input, key)) {
          case "up":
            state.move(-1);
            return "continue";
          case "down":
            state.move(1);
            return "continue";
          case "choose":
            state.choose();
            return "continue";
          case "cancel":
            state.closeField();
            return "continue";
          case null:
            return "continue";
        }
      }
      switch (matchAction(FILTER_KEYS, input, key)) {
        case "up":
          state.move(-1);
          return "continue";
        case "down":
          state.move(1);
          return "continue";
        case "activate":
          if (now.field === "apply") {
            onApply(now.draft);
            return "wait";
          }
          state.open();
          return now.field === "unit" ? "wait" : "continue";
        case "cancel":
          onCancel();
          return "wait";
        case null:
          return "continue";
      }
    },
    { isActive, takesText: typing },
  );
}
