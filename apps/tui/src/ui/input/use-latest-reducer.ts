import { useCallback, useRef, useState } from "react";

/**
 * `useReducer` whose state can also be read as it is after the last
 * dispatch, before React renders it. Key handlers read it so that keys
 * coming faster than the screen redraws (a held key, a paste, a script)
 * each meet the state the previous one left, and React draws once for all.
 * `reducer` must be stable (defined outside the component).
 */
export function useLatestReducer<S, A>(reducer: (state: S, action: A) => S, init: () => S): [state: S, dispatch: (action: A) => void, latest: () => S] {
  const [state, setState] = useState(init);
  const ahead = useRef(state);
  const dispatch = useCallback(
    (action: A) => {
      ahead.current = reducer(ahead.current, action);
      setState(ahead.current);
    },
    [reducer],
  );
  const latest = useCallback(() => ahead.current, []);
  return [state, dispatch, latest];
}
