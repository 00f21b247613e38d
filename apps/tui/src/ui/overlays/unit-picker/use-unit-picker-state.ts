import type { Unit } from "@taizhang/core";
import { useCallback, useMemo } from "react";
import { useLatestReducer } from "../../input/use-latest-reducer.js";
import { graphemes, singleLine } from "../../text/index.js";
import { matchUnits } from "./match-units.js";

interface State {
  query: string;
  cursor: number;
}

type Action = { type: "type"; text: string } | { type: "erase" } | { type: "move"; by: number; count: number };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "type":
      // A new query starts at the best (first) match again.
      return { query: state.query + singleLine(action.text), cursor: 0 };
    case "erase":
      return { query: graphemes(state.query).slice(0, -1).join(""), cursor: 0 };
    case "move":
      return { ...state, cursor: Math.max(0, Math.min(Math.max(0, action.count - 1), state.cursor + action.by)) };
  }
}

export interface UnitPickerState {
  query: string;
  /** The units the query matches; empty while loading. */
  matches: Unit[];
  cursor: number;
  /** The unit under the cursor as the keys so far left it, ahead of what is drawn. */
  focused(): Unit | null;
  type(text: string): void;
  erase(): void;
  move(by: number): void;
}

/** The unit picker's state: what is typed, the units it matches, and the one under the cursor. */
export function useUnitPickerState(units: readonly Unit[]): UnitPickerState {
  const [state, dispatch, latest] = useLatestReducer(reducer, () => ({ query: "", cursor: 0 }));
  const matches = useMemo(() => matchUnits(units, state.query), [units, state.query]);
  const cursor = Math.min(state.cursor, Math.max(0, matches.length - 1));
  const type = useCallback((text: string) => dispatch({ type: "type", text }), [dispatch]);
  const erase = useCallback(() => dispatch({ type: "erase" }), [dispatch]);
  const move = useCallback((by: number) => dispatch({ type: "move", by, count: matchUnits(units, latest().query).length }), [dispatch, latest, units]);
  const focused = useCallback((): Unit | null => {
    const now = latest();
    const found = matchUnits(units, now.query);
    return found[Math.min(now.cursor, Math.max(0, found.length - 1))] ?? null;
  }, [latest, units]);
  return { query: state.query, matches, cursor, focused, type, erase, move };
}
