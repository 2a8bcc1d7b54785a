import { Worker } from 'node:worker_threads';

/**
 * Pre-started workers, so starting a process does not pay for worker start-up (~17 ms of CPU
 * here). Workers whose process exited cleanly come back through `give` and are reused; a taken
 * worker is replaced in the background otherwise.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private closed = false;
  private refillQueued = false;

  constructor(
    private readonly script: URL,
    private readonly size = 2,
    private readonly options: { stackSizeMb?: number } = {},
  ) {
    this.refill();
  }

  take(): Worker {
    const w = this.idle.pop() ?? this.spawn();
    w.removeAllListeners();
    w.ref();
    if (!this.refillQueued) {
      this.refillQueued = true;
      // Refill a little later: a worker returned by an exiting process usually arrives first.
      setTimeout(() => {
        this.refillQueued = false;
        this.refill();
      }, 20).unref();
    }
    return w;
  }

  /** Returns a worker that finished its program and waits for the next one. */
  give(w: Worker): void {
    w.removeAllListeners();
    if (this.closed || this.idle.length >= this.size) {
      void w.terminate();
      return;
    }
    this.park(w);
  }

  private spawn(): Worker {
    return new Worker(this.script, { resourceLimits: { stackSizeMb: this.options.stackSizeMb ?? 8 } });
  }

  private park(w: Worker): void {
    w.unref(); // an idle pool worker must not keep the host alive
    w.on('error', () => this.drop(w));
    w.on('exit', () => this.drop(w));
    this.idle.push(w);
  }

  private refill(): void {
    while (!this.closed && this.idle.length < this.size) this.park(this.spawn());
  }

  private drop(w: Worker): void {
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }
}
