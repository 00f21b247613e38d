/**
 * Runs one piece of work at a time, in arrival order. Used per SQLite file:
 * two connections to the same file in one process must not race for its
 * write lock, because libsql waits for a lock synchronously and the waiter
 * would block the very event loop the lock holder needs to finish.
 */
export class WriteGate {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work);
    // The queue moves on whether the work succeeded or not; the caller still sees its error.
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

const gates = new Map<string, WriteGate>();

/** The gate shared by every connection of this process to one database file. */
export function writeGateFor(path: string): WriteGate {
  let gate = gates.get(path);
  if (!gate) {
    gate = new WriteGate();
    gates.set(path, gate);
  }
  return gate;
}
