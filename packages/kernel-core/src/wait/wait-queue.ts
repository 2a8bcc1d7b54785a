import type { Thread } from '../process/thread.js';

/**
 * Threads parked on a condition (data in a pipe, a child's exit, a futex word). Waking moves them
 * back to the kernel's run queue, where their call is run again; a call that still cannot proceed
 * parks again. Spurious wake-ups are therefore harmless.
 */
export class WaitQueue {
  private readonly waiters = new Set<Thread>();

  add(t: Thread): void {
    this.waiters.add(t);
  }

  remove(t: Thread): void {
    this.waiters.delete(t);
  }

  get size(): number {
    return this.waiters.size;
  }

  wakeAll(): void {
    if (this.waiters.size === 0) return;
    const ws = [...this.waiters];
    this.waiters.clear();
    for (const t of ws) t.wake();
  }

  wakeOne(): boolean {
    for (const t of this.waiters) {
      this.waiters.delete(t);
      t.wake();
      return true;
    }
    return false;
  }
}
