import fc from "fast-check";
import type { Key } from "ink";
import { describe, expect, it } from "vitest";
import { KeyQueue, type KeyOutcome } from "./key-queue.js";
import { firstKey, keyPress } from "./keys.js";

/** A queue driven by hand: `run()` does what was scheduled; `queue.committed()` stands for React having drawn. */
function harness() {
  const work: Array<() => void> = [];
  let deliveredCount = 0;
  const queue = new KeyQueue({ schedule: (w) => work.push(w), delivered: () => deliveredCount++ });
  const run = (): void => {
    while (work.length > 0) work.shift()?.();
  };
  return { queue, run, delivered: () => deliveredCount };
}

const target = (log: string[], name: string, outcome: KeyOutcome, takesText = false) => ({
  takesText,
  handle: (input: string, key: Key): KeyOutcome => {
    log.push(`${name}:${key.return ? "⏎" : input}`);
    return outcome;
  },
});

describe("KeyQueue", () => {
  it("keeps keys while no target is active, and gives them in order to the first that registers", () => {
    const { queue, run } = harness();
    const log: string[] = [];
    queue.push(keyPress("j"));
    queue.push(keyPress("k"));
    run();
    expect(log).toEqual([]);
    queue.register(target(log, "screen", "continue"));
    run();
    expect(log).toEqual(["screen:j", "screen:k"]);
  });

  it("after a key that may change the active target, waits for the commit before the next", () => {
    const { queue, run, delivered } = harness();
    const log: string[] = [];
    const unregister = queue.register(target(log, "screen", "wait"));
    queue.push(keyPress("/"));
    queue.push(keyPress("x"));
    run();
    expect(log).toEqual(["screen:/"]);
    expect(delivered()).toBe(1);
    // The commit: the screen gave way to a prompt.
    unregister();
    queue.register(target(log, "prompt", "continue", true));
    queue.committed();
    run();
    expect(log).toEqual(["screen:/", "prompt:x"]);
  });

  it("splits a chunk one character at a time for a screen, and whole text up to Enter for a text field", () => {
    const { queue, run } = harness();
    const log: string[] = [];
    const unregister = queue.register(target(log, "screen", "continue"));
    queue.push(keyPress("jk"));
    run();
    unregister();
    queue.register(target(log, "prompt", "continue", true));
    queue.push(keyPress("行政复议\rq"));
    run();
    expect(log).toEqual(["screen:j", "screen:k", "prompt:行政复议", "prompt:⏎", "prompt:q"]);
  });

  it("gives the newest registration the keys, and nothing after close", () => {
    const { queue, run } = harness();
    const log: string[] = [];
    queue.register(target(log, "screen", "continue"));
    queue.register(target(log, "overlay", "continue"));
    queue.push(keyPress("a"));
    run();
    queue.close();
    queue.push(keyPress("b"));
    run();
    expect(log).toEqual(["overlay:a"]);
  });
});

describe("firstKey", () => {
  const text = fc.array(fc.constantFrom("a", "j", "行", "政", "𠀀", "😀", " ", "\r", "\u007f", "\t"), { minLength: 1, maxLength: 20 }).map((cs) => cs.join(""));

  it("loses and reorders nothing: the pieces of a chunk make the chunk again (property)", () => {
    fc.assert(
      fc.property(text, fc.boolean(), (chunk, takesText) => {
        let rest: ReturnType<typeof keyPress> | null = keyPress(chunk);
        let out = "";
        while (rest) {
          const next = firstKey(rest, takesText);
          const k = next.key.key;
          out += k.return ? "\r" : k.delete ? "\u007f" : k.tab ? "\t" : next.key.input;
          rest = next.rest;
        }
        expect(out).toBe(chunk);
      }),
    );
  });

  it("passes a named key through untouched", () => {
    const up = keyPress("", { upArrow: true });
    expect(firstKey(up, true)).toEqual({ key: up, rest: null });
  });
});
