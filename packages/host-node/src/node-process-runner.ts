import type { HostProcessRunner, ThreadFault, ThreadStart } from '@kandelo/kernel-core';
import type { Worker } from 'node:worker_threads';
import { WorkerPool } from './worker-pool.js';

/** Runs each thread on its own worker_threads Worker, taken from a warm pool. */
export class NodeProcessRunner implements HostProcessRunner {
  private readonly pool = new WorkerPool(new URL('./process-worker.js', import.meta.url));
  private readonly running = new Map<string, Worker>();

  start(s: ThreadStart, onFault: (fault: ThreadFault) => void): void {
    const key = `${s.pid}:${s.tid}`;
    const w = this.pool.take();
    w.ref();
    this.running.set(key, w);
    let reported = false;
    const fault = (f: ThreadFault) => {
      if (reported || this.running.get(key) !== w) return;
      reported = true;
      this.stop(s.pid, s.tid);
      onFault(f);
    };
    w.removeAllListeners('error');
    w.on('message', (m: { type: string; kind: ThreadFault['kind']; message: string }) => {
      if (m.type === 'fault') fault({ kind: m.kind, message: m.message });
    });
    w.on('error', (err) => fault({ kind: 'crash', message: String(err) }));
    w.on('exit', (code) => fault({ kind: 'crash', message: `worker exited with code ${code}` }));
    w.postMessage({ type: 'start', module: s.module, memory: s.memory, doorbell: s.doorbell, channel: s.channel, block: s.block });
  }

  stop(pid: number, tid: number): void {
    const key = `${pid}:${tid}`;
    const w = this.running.get(key);
    if (!w) return;
    this.running.delete(key);
    void w.terminate();
  }

  async close(): Promise<void> {
    await this.pool.close();
    await Promise.all([...this.running.values()].map((w) => w.terminate()));
    this.running.clear();
  }
}
