import type { ProgressStatus } from "@taizhang/core";
import { matchAction, STATUS_KEYS } from "../../input/keymap.js";
import { useKeys } from "../../input/key-queue-provider.js";
import { STATUS_CHOICES, type StatusPickerState } from "./use-status-picker-state.js";

export interface UseStatusPickerProps {
  isActive: boolean;
  state: StatusPickerState;
  onChoose(status: ProgressStatus): void;
  onCancel(): void;
}

/** The status picker's keys (STATUS_KEYS): ↑↓ and Enter, or a digit at once. */
export function useStatusPicker({ isActive, state, onChoose, onCancel }: UseStatusPickerProps): void {
  useKeys(
    (input, key) => {
      const action = matchAction(STATUS_KEYS, input, key);
      switch (action) {
        case "up":
          state.move(-1);
          return "continue";
        case "down":
          state.move(1);
          return "continue";
        case "pick": {
          const status = STATUS_CHOICES[Number(input) - 1];
          if (!status) return "continue";
          onChoose(status);
          return "wait";
        }
        case "choose":
          onChoose(state.focused());
          return "wait";
        case "cancel":
          onCancel();
          return "wait";
        case null:
          return "continue";
      }
    },
    { isActive },
  );
}
