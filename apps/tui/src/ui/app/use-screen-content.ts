import { useEffect, useRef, useState } from "react";
import type { DataError } from "../../data/data-result.js";
import { loadScreen } from "../screens/load-screen.js";
import type { ScreenContent, ScreenContext, ScreenRef } from "../screens/screen-types.js";

export interface ScreenLoad {
  /** What to show: the loaded content, or the content seen before while it loads again. */
  content: ScreenContent | null;
  /** Why the last load failed (the content, if any, is then from before). */
  error: DataError | null;
  /**
   * Keys wait: nothing to act on yet (a screen never seen), or the screen
   * is loading again after a write or `r`, so what it shows is known to be old.
   */
  blocking: boolean;
  /** A load is under way that keys need not wait for: going back to a screen seen before, or a retry. */
  refreshing: boolean;
  /** Counts finished loads, so that a retry can be timed from the last one. */
  finished: number;
}

interface Finished {
  key: string;
  reload: number;
  retry: number;
  error: DataError | null;
}

/**
 * Loads a screen's content, again whenever `reload` or `retry` changes.
 * Content seen before is shown at once (going back is instant) while it
 * loads afresh. Whether keys must wait is worked out while rendering, from
 * what was asked and what has finished, so it is never a render behind.
 */
export function useScreenContent(ref: ScreenRef, reload: number, retry: number, ctx: ScreenContext): ScreenLoad {
  const cache = useRef(new Map<string, ScreenContent>());
  const key = JSON.stringify(ref);
  const [finished, setFinished] = useState<{ last: Finished | null; count: number }>({ last: null, count: 0 });
  useEffect(() => {
    let current = true;
    const done = (error: DataError | null): void => {
      if (current) setFinished((f) => ({ last: { key, reload, retry, error }, count: f.count + 1 }));
    };
    loadScreen(ref, ctx).then(
      (result) => {
        if (!current) return;
        if (result.ok) cache.current.set(key, result.value);
        done(result.ok ? null : result.error);
      },
      // Data sources answer with results; a rejection is a bug, shown rather than crashing the terminal.
      (error: unknown) => done({ kind: "unavailable", message: String(error) }),
    );
    return () => {
      current = false;
    };
    // `ref` is captured through `key`; `ctx` is stable for the app's life.
  }, [key, reload, retry, ctx]);

  const content = cache.current.get(key) ?? null;
  const last = finished.last;
  if (last && last.key === key && last.reload === reload && last.retry === retry) {
    return { content, error: last.error, blocking: false, refreshing: false, finished: finished.count };
  }
  const sameScreen = last !== null && last.key === key;
  const blocking = content === null || (sameScreen && last.reload !== reload);
  return { content, error: sameScreen ? last.error : null, blocking, refreshing: !blocking, finished: finished.count };
}
