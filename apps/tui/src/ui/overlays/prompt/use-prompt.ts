import { matchAction, PROMPT_KEYS } from "../../input/keymap.js";
import { useKeys } from "../../input/key-queue-provider.js";
import type { PromptState } from "./use-prompt-state.js";

export interface UsePromptProps {
  isActive: boolean;
  state: PromptState;
  /** Enter: an error message keeps the prompt open with the text; null means it was taken. */
  onSubmit(value: string): string | null;
  onCancel(): void;
}

/** The keys of a one-line prompt (PROMPT_KEYS): typing, Backspace, Enter, Esc. */
export function usePrompt({ isActive, state, onSubmit, onCancel }: UsePromptProps): void {
  useKeys(
    (input, key) => {
      const action = matchAction(PROMPT_KEYS, input, key);
      switch (action) {
        case "type":
          state.insert(input);
          return "continue";
        case "erase":
          state.erase();
          return "continue";
        case "submit": {
          const error = onSubmit(state.latest().value);
          if (error === null) return "wait";
          state.refuse(error);
          return "continue";
        }
        case "cancel":
          return onCancel();
        case null:
          return "continue";
      }
    },
    { isActive, takesText: true },
  );
}
