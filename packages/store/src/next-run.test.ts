import { describe, expect, it } from "vitest";
import { NextRun } from "./next-run.js";

describe("NextRun", () => {
  it("gives every caller a run that started after it called, shared by those who called before it started", async () => {
    let started = 0;
    const release: Array<() => void> = [];
    const run = new NextRun(() => {
      const n = ++started;
      return new Promise<number>((resolve) => release.push(() => resolve(n)));
    });
    const a = run.next();
    const b = run.next();
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toBe(1);
    // The first run is under way: later callers wait for a second one, which they share.
    expect(run.current).not.toBeNull();
    const c = run.next();
    const d = run.next();
    release.shift()?.();
    expect(await a).toBe(1);
    expect(await b).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toBe(2);
    release.shift()?.();
    expect(await c).toBe(2);
    expect(await d).toBe(2);
  });

  it("starts the next run after a failed one", async () => {
    let calls = 0;
    const run = new NextRun(() => (++calls === 1 ? Promise.reject(new Error("busy")) : Promise.resolve(calls)));
    await expect(run.next()).rejects.toThrow("busy");
    expect(run.current).toBeNull();
    expect(await run.next()).toBe(2);
  });
});
