/**
 * Runs `task` once the browser is idle — after the pending frame has been
 * painted and queued tasks have run — or after `timeoutMs` at the latest.
 * Returns a function that cancels it. Falls back to a short timer where
 * `requestIdleCallback` is missing (Safari, jsdom).
 */
export function whenIdle(task: () => void, timeoutMs = 500): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(() => task(), { timeout: timeoutMs });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(task, 16);
  return () => window.clearTimeout(id);
}
