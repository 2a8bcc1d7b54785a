import { PARK } from '../router/sentinels.js';
import type { WaitQueue } from '../wait/wait-queue.js';
import type { Process } from './process.js';

/** Where woken threads go: the kernel's run queue. */
export interface ThreadScheduler {
  runAgain(t: Thread): void;
}

/** A thread of a process: one worker, one channel. */
export class Thread {
  /** Blocked signals (bit n-1 for signal n). */
  sigmask = 0n;
  /** The queues the thread is parked on while its call waits; empty when running. */
  private waitingOn: WaitQueue[] = [];
  /** True while the thread's current syscall is parked. */
  parked = false;
  exited = false;
  /** Address musl's set_tid_address gave (cleared and woken at thread exit). */
  clearChildTid = 0;

  constructor(
    readonly tid: number,
    readonly process: Process,
    /** Channel address in process memory. */
    readonly channel: number,
    private readonly scheduler: ThreadScheduler,
  ) {}

  /** Parks the current call on one or more queues; handlers `return t.park(q)`. */
  park(...queues: WaitQueue[]): number {
    for (const q of queues) q.add(this);
    this.waitingOn = queues;
    this.parked = true;
    return PARK;
  }

  /** Called by a WaitQueue: leave every queue and run the call again. */
  wake(): void {
    if (!this.parked) return;
    for (const q of this.waitingOn) q.remove(this);
    this.waitingOn = [];
    this.parked = false;
    if (!this.exited) this.scheduler.runAgain(this);
  }

  /** Drops the thread from any queue (at exit). */
  unpark(): void {
    for (const q of this.waitingOn) q.remove(this);
    this.waitingOn = [];
    this.parked = false;
  }
}
