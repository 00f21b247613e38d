import { useApp, useInput, type Key } from "ink";
import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { KeyQueue, type KeyOutcome } from "./key-queue.js";
import { ALWAYS_KEYS, matchAction } from "./keymap.js";

const KeyQueueContext = createContext<KeyQueue | null>(null);

/**
 * The one reader of the terminal's keys: it puts them in a {@link KeyQueue}
 * that the screens' and overlays' input hooks ({@link useKeys}) take them
 * from, one at a time. Ctrl-C quits at once, ahead of any waiting key.
 */
export function KeyQueueProvider({ children }: { children: ReactNode }): ReactNode {
  const { exit } = useApp();
  // A state change that rides along with each key's own changes: its layout effect runs once React has committed them.
  const [turn, setTurn] = useState(0);
  const [queue] = useState(
    () =>
      new KeyQueue({
        schedule: (work) => {
          setImmediate(work);
        },
        delivered: () => setTurn((n) => n + 1),
      }),
  );
  useLayoutEffect(() => {
    if (turn > 0) queue.committed();
  }, [queue, turn]);
  useEffect(() => () => queue.close(), [queue]);
  useInput((input, key) => {
    if (matchAction(ALWAYS_KEYS, input, key) === "quit") {
      queue.close();
      exit();
      return;
    }
    queue.push({ input, key });
  });
  return <KeyQueueContext.Provider value={queue}>{children}</KeyQueueContext.Provider>;
}

export interface UseKeysOptions {
  /** Only an active hook gets keys; while no hook is active, keys wait. Default true. */
  isActive?: boolean;
  /** A text field: pasted or composed text arrives whole. */
  takesText?: boolean;
}

/**
 * Ink's `useInput` for one screen or overlay, fed from the ordered key
 * queue. Unlike `useInput`, whose `isActive` takes effect after the commit
 * (in a passive effect), a hook here is registered as the commit happens,
 * and the queue holds the next key until then: a key typed right after the
 * one that opened an overlay goes to that overlay, and keys typed while a
 * screen loads wait for it. A handler returns "continue" for a key that
 * changed only its own state (read through `useLatestReducer`), so that the
 * next key need not wait for a redraw.
 */
export function useKeys(handler: (input: string, key: Key) => KeyOutcome | void, { isActive = true, takesText = false }: UseKeysOptions = {}): void {
  const queue = useContext(KeyQueueContext);
  if (!queue) throw new Error("useKeys needs a KeyQueueProvider above it");
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    if (!isActive) return;
    return queue.register({ handle: (input, key) => latest.current(input, key), takesText });
  }, [queue, isActive, takesText]);
}
