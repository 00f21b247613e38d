/**
 * Runs `work` for callers that need a result read *after* they called: a run
 * not started yet is shared by everyone who calls before it starts; a run
 * already under way may have read too early, so the next one starts after it.
 * Under load, one run serves every caller that arrived during the one before.
 */
export class NextRun<T> {
  private queued: Promise<T> | null = null;
  private running: Promise<T> | null = null;

  constructor(private readonly work: () => Promise<T>) {}

  /** The run under way, if any: it may have read before the caller came. */
  get current(): Promise<T> | null {
    return this.running;
  }

  /** A run that starts after this call. */
  next(): Promise<T> {
    this.queued ??= (this.running ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        const run = this.work();
        this.running = run;
        const done = () => {
          if (this.running === run) this.running = null;
        };
        run.then(done, done);
        return run;
      });
    return this.queued;
  }
}
