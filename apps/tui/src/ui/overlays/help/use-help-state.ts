import { useCallback } from "react";
import { useLatestReducer } from "../../input/use-latest-reducer.js";

interface State {
  offset: number;
}

// The end is passed with each step: a resize can change it.
const scroll = (s: State, { by, last }: { by: number; last: number }): State => ({ offset: Math.max(0, Math.min(last, Math.min(s.offset, last) + by)) });

/** The help screen's scroll position, kept within its lines. */
export interface HelpState {
  offset: number;
  scrollBy(lines: number): void;
}

export function useHelpState({ lineCount, height }: { lineCount: number; height: number }): HelpState {
  const last = Math.max(0, lineCount - height);
  const [state, dispatch] = useLatestReducer(scroll, () => ({ offset: 0 }));
  const scrollBy = useCallback((lines: number) => dispatch({ by: lines, last }), [last]);
  // A resize can shrink what may be scrolled; the offset shown never passes the end.
  return { offset: Math.min(state.offset, last), scrollBy };
}
