import { Worker } from 'node:worker_threads';

/**
 * Pre-started workers, so starting a process does not pay for worker start-up (~17 ms here).
 * A taken worker is replaced in the background.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private closed = false;

  constructor(
    private readonly script: URL,
    private readonly size = 2,
    private readonly options: { stackSizeMb?: number } = {},
  ) {
    this.refill();
  }

  take(): Worker {
    const w = this.idle.pop() ?? this.spawn();
    setImmediate(() => this.refill());
    return w;
  }

  private spawn(): Worker {
    const w = new Worker(this.script, { resourceLimits: { stackSizeMb: this.options.stackSizeMb ?? 8 } });
    return w;
  }

  private refill(): void {
    while (!this.closed && this.idle.length < this.size) {
      const w = this.spawn();
      w.unref(); // an idle pool worker must not keep the host alive
      w.on('error', () => this.drop(w));
      this.idle.push(w);
    }
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
