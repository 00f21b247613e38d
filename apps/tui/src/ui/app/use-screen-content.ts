import { useEffect, useRef, useState } from "react";
import type { DataError } from "../../data/data-result.js";
import { loadScreen } from "../screens/load-screen.js";
import type { ScreenContent, ScreenContext, ScreenRef } from "../screens/screen-types.js";

export type ScreenLoad =
  | { status: "loading"; content: ScreenContent | null }
  | { status: "ready"; content: ScreenContent }
  | { status: "error"; error: DataError; content: ScreenContent | null };

/**
 * Loads a screen's content, again whenever `reload` changes. Content seen
 * before is shown at once (going back is instant) while it loads afresh.
 */
export function useScreenContent(ref: ScreenRef, reload: number, ctx: ScreenContext): ScreenLoad {
  const cache = useRef(new Map<string, ScreenContent>());
  const key = JSON.stringify(ref);
  const [load, setLoad] = useState<ScreenLoad & { key: string }>({ key, status: "loading", content: null });
  useEffect(() => {
    let current = true;
    setLoad({ key, status: "loading", content: cache.current.get(key) ?? null });
    loadScreen(ref, ctx).then(
      (result) => {
        if (!current) return;
        if (result.ok) {
          cache.current.set(key, result.value);
          setLoad({ key, status: "ready", content: result.value });
        } else {
          setLoad({ key, status: "error", error: result.error, content: cache.current.get(key) ?? null });
        }
      },
      (error: unknown) => {
        // Data sources answer with results; a rejection is a bug, shown rather than crashing the terminal.
        if (current) setLoad({ key, status: "error", error: { kind: "unavailable", message: String(error) }, content: null });
      },
    );
    return () => {
      current = false;
    };
    // `ref` is captured through `key`; `ctx` is stable for the app's life.
  }, [key, reload, ctx]);
  if (load.key !== key) return { status: "loading", content: cache.current.get(key) ?? null };
  return load;
}
