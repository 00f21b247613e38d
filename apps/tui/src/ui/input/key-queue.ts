import type { Key } from "ink";
import { firstKey, type KeyPress } from "./keys.js";

/**
 * What a handled key left: "continue" when it changed only the target's
 * own state (a cursor moved, a character typed), so the next key may go to
 * the same target at once; "wait" (or nothing) when it may have changed
 * which target is active (an overlay opened or closed, a screen pushed, a
 * write started), so the next key waits until React has committed that.
 */
export type KeyOutcome = "continue" | "wait";

/** A screen's or an overlay's key handler while it is active. */
export interface KeyTarget {
  handle(input: string, key: Key): KeyOutcome | void;
  /** A text field: a chunk of text (a paste, an input method's composition) arrives whole, not a character at a time. */
  takesText: boolean;
}

/** How the queue waits: for the next turn of the event loop, and for React to commit what a key changed. */
export interface KeyQueueHost {
  /** Runs `work` soon, outside the current call stack. */
  schedule(work: () => void): void;
  /** Called after a key was handled; the host calls {@link KeyQueue.committed} once React has committed the render it caused. */
  delivered(): void;
}

/**
 * Every key of the UI, in the order it was typed. A key goes to the one
 * active target (the overlay that is open, else the screen when it has
 * loaded); while none is active (a screen still loading) keys wait. A key
 * that may change which target is active is followed by a wait until React
 * has committed what it changed, so the next key meets the screen or
 * overlay the previous one left; keys that stay within one target go on at
 * once, and React draws them together.
 */
/** The most keys handled in one turn of the event loop, so that a long paste still lets the screen redraw. */
const BURST = 256;

export class KeyQueue {
  private readonly pending: KeyPress[] = [];
  private readonly targets: KeyTarget[] = [];
  private waitingForCommit = false;
  private scheduled = false;
  private closed = false;

  constructor(private readonly host: KeyQueueHost) {}

  /**
   * A key press (or a chunk of them) from the terminal. When nothing is
   * waiting it is handled at once, within the terminal's input event, so
   * that React draws it before timers run, as it would without a queue.
   */
  push(press: KeyPress): void {
    this.pending.push(press);
    if (this.pending.length === 1 && !this.scheduled) this.step();
    else this.kick();
  }

  /** Makes `target` the active one until the returned function is called. */
  register(target: KeyTarget): () => void {
    this.targets.push(target);
    this.kick();
    return () => {
      const i = this.targets.indexOf(target);
      if (i >= 0) this.targets.splice(i, 1);
    };
  }

  /** React committed the render the last key caused: the next key may go. */
  committed(): void {
    this.waitingForCommit = false;
    this.kick();
  }

  /** How many presses are waiting (a chunk counts once). */
  get waiting(): number {
    return this.pending.length;
  }

  close(): void {
    this.closed = true;
    this.pending.length = 0;
  }

  private kick(): void {
    if (this.scheduled || this.waitingForCommit || this.closed || this.pending.length === 0) return;
    this.scheduled = true;
    this.host.schedule(() => {
      this.scheduled = false;
      this.step();
    });
  }

  private step(): void {
    for (let n = 0; n < BURST; n++) {
      if (this.waitingForCommit || this.closed) return;
      const head = this.pending[0];
      // The newest registration is the innermost: an overlay opened over a screen.
      const target = this.targets[this.targets.length - 1];
      if (!head || !target) return;
      const { key, rest } = firstKey(head, target.takesText);
      if (rest) this.pending[0] = rest;
      else this.pending.shift();
      let outcome: KeyOutcome | void = "wait";
      try {
        outcome = target.handle(key.input, key.key);
      } finally {
        if (outcome !== "continue") {
          this.waitingForCommit = true;
          this.host.delivered();
        }
      }
    }
    this.kick();
  }
}
