import type { DataSource } from "../data/data-source.js";

/**
 * A data source whose answers are held back until `open()` (and again after
 * `close()`), to test what the UI does with keys typed while a screen loads.
 * Every method of `inner` that returns a promise waits for the gate.
 */
export function gated(inner: DataSource): { ds: DataSource; open(): void; close(): void; waiting(): number } {
  let release: (() => void) | null = null;
  let gate: Promise<void> | null = null;
  let waiting = 0;
  const close = (): void => {
    if (gate) return;
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
  };
  const open = (): void => {
    release?.();
    release = null;
    gate = null;
  };
  close();
  const ds = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || prop === "close") return value;
      return async (...args: unknown[]) => {
        while (gate) {
          waiting++;
          await gate;
          waiting--;
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { ds, open, close, waiting: () => waiting };
}
