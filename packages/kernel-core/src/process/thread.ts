import { PARK } from '../router/sentinels.js';
import type { WaitQueue } from '../wait/wait-queue.js';
import type { Process } from './process.js';

interface AsyncOp {
  key: string;
  settled: boolean;
  failed: boolean;
  value: unknown;
}

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
  /** The asynchronous step of the current call, if any (see awaitAsync). */
  private asyncOp: AsyncOp | undefined;
  /** Per-call progress a handler keeps across re-runs (a large pipe write, say). */
  progress: unknown;
  /** The syscall number of the call in flight (set by the channel server). */
  nr = -1;
  /** Signals sent to this thread (tkill/tgkill), pending until its mask allows them. */
  pendingSignals = 0n;
  /** During rt_sigsuspend: the mask to restore once it returns (after the handler). */
  suspendMask: bigint | undefined;
  /** During rt_sigtimedwait: the signals it waits for (a matching signal wakes it). */
  sigwaitSet = 0n;
  /** Undoes what a parked call registered besides wait queues (a futex waiter, a timer). */
  parkCleanup: (() => void) | undefined;
  /**
   * The alternate signal stack (sigaltstack): its lowest address and size; undefined while
   * disabled (SS_DISABLE). Whether the thread runs on it is not state: it is whether the stack
   * pointer the glue reports with each call lies inside it (see onAltStack). Kept across fork,
   * cleared by exec, not given to new threads.
   */
  altStack: { readonly sp: number; readonly size: number } | undefined;
  /**
   * The name PR_SET_NAME gave the thread (at most 15 bytes); undefined: the executable's (see
   * commOf). Kept across fork and given to new threads, as Linux copies it; exec makes new threads.
   */
  comm: string | undefined;
  /** Lock owner id of the thread's worker in the I/O arena (0: none); see io/io-arena.ts. */
  ioOwner = 0;

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
    this.leavePark();
    if (!this.exited) this.scheduler.runAgain(this);
  }

  /** Undoes a park: its clean-up, its queues. */
  private leavePark(): void {
    const cleanup = this.parkCleanup;
    this.parkCleanup = undefined;
    cleanup?.();
    for (const q of this.waitingOn) q.remove(this);
    this.waitingOn = [];
    this.parked = false;
  }

  /**
   * Runs an asynchronous step of the current call (compiling a module for exec, say). The first
   * run starts it and parks the thread (returns undefined; the handler returns PARK); when it
   * settles the call runs again and gets `{ value }` (or the rejection is thrown).
   */
  awaitAsync<T>(key: string, start: () => Promise<T>): { value: T } | undefined {
    const op = this.asyncOp;
    if (op && op.key === key) {
      if (!op.settled) return undefined;
      this.asyncOp = undefined;
      if (op.failed) throw op.value;
      return { value: op.value as T };
    }
    const next: AsyncOp = { key, settled: false, failed: false, value: undefined };
    this.asyncOp = next;
    this.parked = true;
    this.waitingOn = [];
    start().then(
      (v) => this.settle(next, false, v),
      (e) => this.settle(next, true, e),
    );
    return undefined;
  }

  private settle(op: AsyncOp, failed: boolean, value: unknown): void {
    op.settled = true;
    op.failed = failed;
    op.value = value;
    if (this.asyncOp === op) this.wake();
  }

  /** Drops the thread from any queue (at exit). */
  unpark(): void {
    this.leavePark();
    this.asyncOp = undefined;
  }
}
