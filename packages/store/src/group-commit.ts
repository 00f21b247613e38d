interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the writes that callers submit while a transaction is being
 * committed are committed together in the next one, so that concurrent
 * writers to one SQLite file share a commit (and its fsync, most of a small
 * write's cost with `synchronous=FULL`) instead of queueing for one each.
 * Each caller's promise settles only after the transaction holding its write
 * has committed, so an acknowledged write is on disk as before. A write that
 * fails does not take the others with it: when a group fails, each of its
 * writes is committed again on its own and fails or succeeds alone.
 */
export class GroupCommit<T, R> {
  #pending: Array<Pending<T, R>> = [];
  #draining = false;

  constructor(
    /** Commits every item in one transaction, in order; the results in the same order. */
    private readonly commitAll: (items: readonly T[]) => Promise<R[]>,
  ) {}

  submit(item: T): Promise<R> {
    const settled = new Promise<R>((resolve, reject) => this.#pending.push({ item, resolve, reject }));
    if (!this.#draining) {
      this.#draining = true;
      void this.#drain();
    }
    return settled;
  }

  async #drain(): Promise<void> {
    try {
      // Lets the writers that are ready in this turn of the event loop join the first group.
      await Promise.resolve();
      while (this.#pending.length > 0) await this.#commit(this.#pending.splice(0));
    } finally {
      this.#draining = false;
    }
  }

  async #commit(group: Array<Pending<T, R>>): Promise<void> {
    try {
      const results = await this.commitAll(group.map((p) => p.item));
      if (results.length !== group.length) throw new Error(`a group of ${group.length} writes committed with ${results.length} results`);
      group.forEach((p, i) => p.resolve(results[i] as R));
    } catch (error) {
      const [only] = group;
      if (group.length === 1 && only) {
        only.reject(error);
        return;
      }
      // The whole group was rolled back: find out whose write failed by committing each alone.
      for (const p of group) {
        try {
          const [result] = await this.commitAll([p.item]);
          p.resolve(result as R);
        } catch (own) {
          p.reject(own);
        }
      }
    }
  }
}
