import { Worker } from 'node:worker_threads';

/**
 * Drops our listeners from a worker. (Never removeAllListeners() without names: Node's Worker
 * keeps internal newListener/removeListener hooks that start its message port.)
 */
export function detach(w: Worker): void {
  w.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
}

/** When a pool short of idle workers boots more, and how long busy CPUs may put that off. */
const REFILL_MS = 200;
const REFILL_MAX_MS = 2000;

/**
 * Pre-started workers, so starting a process does not pay for worker start-up (17-60 ms here).
 * Workers whose process exited cleanly come back through `give` and are reused first; the pool
 * hands out workers that finished booting before ones still starting.
 *
 * An idle worker sleeps in Atomics.wait on its bell (workerData.bell), not in its event loop:
 * `post` queues the message and rings the bell, and the worker takes the message off its port
 * synchronously (receiveMessageOnPort). Waking a thread from a futex is several times quicker
 * than waking an idle event loop here (~50 against ~200-500 us), and every fork, spawn, exec and
 * thread start waits for it. The worker also counts in the bell's second word the messages it
 * has finished serving, so `settled` tells, without waiting for its "fault" message to come
 * through the event loop, that a worker whose program ended has left wasm and can be reused.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly booted = new WeakSet<Worker>();
  private readonly bells = new WeakMap<Worker, Int32Array>();
  /** Messages posted to each worker (compared with the count it reports in bell[1]). */
  private readonly posted = new WeakMap<Worker, number>();
  private closed = false;
  private refillQueued = false;

  /**
   * `size`: idle workers kept booted; `maxIdle`: recycled workers kept beyond that (a fork loop
   * or a shell pipeline returns them as fast as it takes them, so churn would waste boots).
   */
  constructor(
    private readonly script: URL,
    private readonly size = 2,
    private readonly maxIdle = 6,
    private readonly options: { stackSizeMb?: number } = {},
  ) {
    this.refill();
  }

  /** An idle worker that has finished booting, if any. */
  takeBooted(): Worker | undefined {
    const i = this.idle.findIndex((w) => this.booted.has(w));
    return i < 0 ? undefined : this.prepare(this.idle.splice(i, 1)[0]!);
  }

  /** An idle worker (booted first), or a new one. */
  take(): Worker {
    return this.takeBooted() ?? this.prepare(this.idle.pop() ?? this.spawn());
  }

  private prepare(w: Worker): Worker {
    detach(w);
    w.ref();
    if (!this.refillQueued && this.idle.length < this.size) {
      this.refillQueued = true;
      this.refillLater(0);
    }
    return w;
  }

  /**
   * Refills later, and only if still short: workers of exiting processes usually come back
   * first, and a worker booting now (tens of ms of CPU) would compete with the programs that run.
   * While `busy` says every CPU is taken the boot waits longer, up to REFILL_MAX_MS.
   */
  private refillLater(waited: number): void {
    setTimeout(() => {
      if (this.busy?.() && waited < REFILL_MAX_MS) return this.refillLater(waited + REFILL_MS);
      this.refillQueued = false;
      this.refill();
    }, REFILL_MS).unref();
  }

  /** Whether every CPU is in use by running programs (see refillLater); set by the host. */
  busy: (() => boolean) | undefined;

  /** Returns a worker that finished its program and waits for the next one. */
  give(w: Worker): void {
    detach(w);
    if (this.closed) {
      void w.terminate();
      return;
    }
    this.booted.add(w);
    this.park(w);
    // Keep at most maxIdle, dropping workers still booting before ready ones.
    while (this.idle.length > this.maxIdle) {
      let i = this.idle.findIndex((x) => !this.booted.has(x));
      if (i < 0) i = 0;
      void this.idle.splice(i, 1)[0]!.terminate();
    }
  }

  /**
   * Sends `msg` to a worker of this pool and wakes it (see the class comment). Returns the
   * message's number for this worker (1, 2, ...), which the worker's replies to it carry as `seq`.
   */
  post(w: Worker, msg: object): number {
    const seq = (this.posted.get(w) ?? 0) + 1;
    w.postMessage({ ...msg, seq });
    this.posted.set(w, seq);
    const bell = this.bells.get(w);
    if (bell) {
      Atomics.store(bell, 0, 1);
      Atomics.notify(bell, 0);
    }
    return seq;
  }

  /** Whether a worker has finished every message posted to it (it is idle on its bell). */
  settled(w: Worker): boolean {
    const bell = this.bells.get(w);
    return bell !== undefined && Atomics.load(bell, 1) === (this.posted.get(w) ?? 0);
  }

  private spawn(): Worker {
    const bell = new Int32Array(new SharedArrayBuffer(8));
    const w = new Worker(this.script, { workerData: { bell }, resourceLimits: { stackSizeMb: this.options.stackSizeMb ?? 8 } });
    this.bells.set(w, bell);
    w.once('message', (m: { type?: string }) => {
      if (m?.type === 'ready') this.booted.add(w);
    });
    return w;
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
