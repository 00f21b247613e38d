import { useCallback } from "react";
import { useLatestReducer } from "../../input/use-latest-reducer.js";
import { graphemes, singleLine } from "../../text/index.js";

interface State {
  value: string;
  /** Why the last Enter was refused; cleared by the next edit. */
  error: string | null;
}

type Action = { type: "insert"; text: string } | { type: "erase" } | { type: "refuse"; error: string };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "insert":
      // Control characters would move the terminal's cursor: a pasted line break or tab becomes a space.
      return { value: state.value + singleLine(action.text), error: null };
    case "erase":
      // Whole characters go, never half a surrogate pair or a base without its accent.
      return { value: graphemes(state.value).slice(0, -1).join(""), error: null };
    case "refuse":
      return { ...state, error: action.error };
  }
}

export interface PromptState extends State {
  /** The state as the keys so far left it, ahead of what is drawn. */
  latest(): State;
  insert(text: string): void;
  erase(): void;
  /** Keeps the prompt open with what was typed, and says why it was not accepted. */
  refuse(error: string): void;
}

/** A one-line text field's state: starts from `initial` (the value being changed), edited at its end. */
export function usePromptState(initial: string): PromptState {
  const [state, dispatch, latest] = useLatestReducer(reducer, () => ({ value: singleLine(initial), error: null }));
  const insert = useCallback((text: string) => dispatch({ type: "insert", text }), []);
  const erase = useCallback(() => dispatch({ type: "erase" }), []);
  const refuse = useCallback((error: string) => dispatch({ type: "refuse", error }), []);
  return { ...state, latest, insert, erase, refuse };
}
