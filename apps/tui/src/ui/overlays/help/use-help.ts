import { HELP_KEYS, matchAction } from "../../input/keymap.js";
import { useKeys } from "../../input/key-queue-provider.js";
import type { HelpState } from "./use-help-state.js";

export interface UseHelpProps {
  isActive: boolean;
  state: HelpState;
  height: number;
  onClose(): void;
}

/** The help screen's keys (HELP_KEYS): scroll, page, close. */
export function useHelp({ isActive, state, height, onClose }: UseHelpProps): void {
  useKeys(
    (input, key) => {
      const action = matchAction(HELP_KEYS, input, key);
      switch (action) {
        case "up":
          state.scrollBy(-1);
          return "continue";
        case "down":
          state.scrollBy(1);
          return "continue";
        case "pageUp":
          state.scrollBy(-height);
          return "continue";
        case "pageDown":
          state.scrollBy(height);
          return "continue";
        case "close":
          onClose();
          return "wait";
        case null:
          return "continue";
      }
    },
    { isActive },
  );
}
