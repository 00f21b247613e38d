import type { Unit } from "@taizhang/core";
import { matchAction, UNIT_PICKER_KEYS } from "../../input/keymap.js";
import { useKeys } from "../../input/key-queue-provider.js";
import type { UnitPickerState } from "./use-unit-picker-state.js";

export interface UseUnitPickerProps {
  isActive: boolean;
  state: UnitPickerState;
  height: number;
  onChoose(unit: Unit): void;
  onCancel(): void;
}

/** The unit picker's keys (UNIT_PICKER_KEYS): typing narrows the list, ↑↓ PgUp PgDn move, Enter chooses. */
export function useUnitPicker({ isActive, state, height, onChoose, onCancel }: UseUnitPickerProps): void {
  useKeys(
    (input, key) => {
      const action = matchAction(UNIT_PICKER_KEYS, input, key);
      switch (action) {
        case "type":
          state.type(input);
          return "continue";
        case "erase":
          state.erase();
          return "continue";
        case "up":
          state.move(-1);
          return "continue";
        case "down":
          state.move(1);
          return "continue";
        case "pageUp":
          state.move(-height);
          return "continue";
        case "pageDown":
          state.move(height);
          return "continue";
        case "choose": {
          const unit = state.focused();
          if (!unit) return "continue";
          onChoose(unit);
          return "wait";
        }
        case "cancel":
          onCancel();
          return "wait";
        case null:
          return "continue";
      }
    },
    { isActive, takesText: true },
  );
}
