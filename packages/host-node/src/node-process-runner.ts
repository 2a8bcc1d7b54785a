import type { HostProcessRunner, ThreadFault, ThreadStart } from '@kandelo/kernel-core';
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { SchedstatReader } from './schedstat.js';
import { detach, WorkerPool } from './worker-pool.js';

/** Whether this host can meter threads (Linux schedstat). */
const METERED = existsSync('/proc/thread-self/schedstat');

/** CPU time a host thread has run, in ns (Linux schedstat: the first field), or undefined. */
const schedstat = new SchedstatReader();
const workerCpuNs = (hostTid: number): bigint | undefined => schedstat.read(`/proc/self/task/${hostTid}/schedstat`);

/** How long a recyclable worker may take to leave wasm before it is terminated instead. */
const RECYCLE_GRACE_MS = 200;

interface PendingStart {
  s: ThreadStart;
  onFault: (fault: ThreadFault) => void;
}

/**
 * Runs each thread on its own worker_threads Worker, taken from (and returned to) a warm pool.
 * When no booted worker is idle but some are on their way back (their program just exited; the
 * kernel worker hears of it only when its event loop turns), a start waits for one of them
 * rather than booting a new worker, which costs 17-50 ms here.
 */
export class NodeProcessRunner implements HostProcessRunner {
  private readonly pool = new WorkerPool(new URL('./process-worker.js', import.meta.url));
  private readonly running = new Map<string, Worker>();
  /** Per running thread: [host tid, CPU ns at start], filled in by its worker (see process-worker). */
  private readonly meters = new Map<string, BigInt64Array>();
  private returning = 0;
  /** Workers on their way back, each with what to do once it is (see stop). */
  private readonly comingBack = new Map<Worker, () => void>();
  /** The number of the start message each worker got last (WorkerPool.post). */
  private readonly seqs = new WeakMap<Worker, number>();
  private readonly waiting: PendingStart[] = [];

  /** Puts off booting spare workers while `busy` says the CPUs are all taken (see WorkerPool). */
  deferBootsWhile(busy: () => boolean): void {
    this.pool.busy = busy;
  }

  start(s: ThreadStart, onFault: (fault: ThreadFault) => void): void {
    // A worker whose program just ended may already be idle, its message still in the queue.
    for (const [w, back] of this.comingBack) if (this.pool.settled(w)) back();
    const w = this.pool.takeBooted() ?? (this.returning > 0 ? undefined : this.pool.take());
    if (w) this.run(w, s, onFault);
    else this.waiting.push({ s, onFault });
  }

  private run(w: Worker, s: ThreadStart, onFault: (fault: ThreadFault) => void): void {
    const key = `${s.pid}:${s.tid}`;
    this.running.set(key, w);
    const meter = new BigInt64Array(new SharedArrayBuffer(16));
    this.meters.set(key, meter);
    const fault = (f: ThreadFault) => {
      if (this.running.get(key) !== w) return;
      this.stop(s.pid, s.tid);
      onFault(f);
    };
    const seq = this.pool.post(w, { type: 'start', module: s.module, memory: s.memory, doorbell: s.doorbell, channel: s.channel, entry: s.entry, meter, io: s.io });
    this.seqs.set(w, seq);
    // A reclaimed worker's report on its previous program may still be on its way: not ours.
    w.on('message', (m: { type: string; seq: number; kind: ThreadFault['kind']; message: string }) => {
      if (m.type === 'fault' && m.seq === seq) fault({ kind: m.kind, message: m.message });
    });
    w.on('error', (err) => fault({ kind: 'crash', message: String(err) }));
    w.on('exit', (code) => fault({ kind: 'crash', message: `worker exited with code ${code}` }));
  }

  stop(pid: number, tid: number, recyclable = false, gone?: () => void): void {
    const key = `${pid}:${tid}`;
    this.dropWaiting(pid, tid);
    const w = this.running.get(key);
    if (!w) {
      gone?.();
      return;
    }
    this.running.delete(key);
    this.meters.delete(key);
    detach(w);
    if (!recyclable) {
      void w.terminate().then(() => gone?.(), () => gone?.());
      return;
    }
    // The worker reports (as a fault) once it has left wasm; then it can run the next program.
    this.returning++;
    const back = (reusable: boolean) => {
      if (!this.comingBack.delete(w)) return; // already back
      clearTimeout(timer);
      detach(w);
      this.returning--;
      if (reusable) gone?.();
      else void w.terminate().then(() => gone?.(), () => gone?.());
      const next = reusable ? this.waiting.shift() : undefined;
      if (next) this.run(w, next.s, next.onFault);
      else if (reusable) this.pool.give(w);
      // Nobody else is coming back: boot workers for whoever still waits.
      while (this.returning === 0 && this.waiting.length) {
        const p = this.waiting.shift()!;
        this.run(this.pool.take(), p.s, p.onFault);
      }
    };
    this.comingBack.set(w, () => back(true));
    const timer = setTimeout(() => back(false), RECYCLE_GRACE_MS);
    const seq = this.seqs.get(w);
    w.on('message', (m: { type: string; seq: number }) => {
      if (m.type === 'fault' && m.seq === seq) back(true);
    });
    w.on('error', () => back(false));
  }

  cpuTimeNs(pid: number, tid: number): bigint | undefined {
    const key = `${pid}:${tid}`;
    const meter = this.meters.get(key);
    if (!meter || !METERED) return undefined;
    const hostTid = Atomics.load(meter, 0);
    // Its worker has not started it yet: no CPU time so far.
    if (hostTid === 0n) return 0n;
    const now = workerCpuNs(Number(hostTid));
    return now === undefined ? undefined : now - Atomics.load(meter, 1);
  }

  /** A thread stopped before it got a worker. */
  private dropWaiting(pid: number, tid: number): void {
    const i = this.waiting.findIndex((p) => p.s.pid === pid && p.s.tid === tid);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  /** Terminates a process's workers without telling anyone: the kernel sees them die. */
  crash(pid: number): void {
    for (const [key, w] of this.running) if (key.startsWith(`${pid}:`)) void w.terminate();
  }

  async close(): Promise<void> {
    await this.pool.close();
    await Promise.all([...this.running.values()].map((w) => w.terminate()));
    this.running.clear();
  }
}
