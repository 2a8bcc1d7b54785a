import type { HostProcessRunner, ThreadFault, ThreadStart } from '@kandelo/kernel-core';
import type { Worker } from 'node:worker_threads';
import { detach, WorkerPool } from './worker-pool.js';

/** How long a recyclable worker may take to leave wasm before it is terminated instead. */
const RECYCLE_GRACE_MS = 200;

/** Runs each thread on its own worker_threads Worker, taken from (and returned to) a warm pool. */
export class NodeProcessRunner implements HostProcessRunner {
  private readonly pool = new WorkerPool(new URL('./process-worker.js', import.meta.url));
  private readonly running = new Map<string, Worker>();

  start(s: ThreadStart, onFault: (fault: ThreadFault) => void): void {
    const key = `${s.pid}:${s.tid}`;
    const w = this.pool.take();
    this.running.set(key, w);
    const fault = (f: ThreadFault) => {
      if (this.running.get(key) !== w) return;
      this.stop(s.pid, s.tid);
      onFault(f);
    };
    w.on('message', (m: { type: string; kind: ThreadFault['kind']; message: string }) => {
      if (m.type === 'fault') fault({ kind: m.kind, message: m.message });
    });
    w.on('error', (err) => fault({ kind: 'crash', message: String(err) }));
    w.on('exit', (code) => fault({ kind: 'crash', message: `worker exited with code ${code}` }));
    w.postMessage({ type: 'start', module: s.module, memory: s.memory, doorbell: s.doorbell, channel: s.channel, entry: s.entry });
  }

  stop(pid: number, tid: number, recyclable = false): void {
    const key = `${pid}:${tid}`;
    const w = this.running.get(key);
    if (!w) return;
    this.running.delete(key);
    if (!recyclable) {
      detach(w);
      void w.terminate();
      return;
    }
    // The worker reports (as a fault) once it has left wasm; then it can run the next program.
    detach(w);
    const timer = setTimeout(() => {
      detach(w);
      void w.terminate();
    }, RECYCLE_GRACE_MS);
    w.on('message', (m: { type: string }) => {
      if (m.type !== 'fault') return;
      clearTimeout(timer);
      this.pool.give(w);
    });
    w.on('error', () => clearTimeout(timer));
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
