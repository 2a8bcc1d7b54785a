import { CHANNEL, CHANNEL_PARKED, CHANNEL_STATE, SPIN_SLEEP_HINT } from '../abi/channel-layout.js';
import { syscallNumber } from '../abi/syscalls.js';
import type { Thread } from '../process/thread.js';
import { NO_REPLY, PARK } from '../router/sentinels.js';
import { settleAttention } from './signal-delivery.js';
import { DOORBELL } from './doorbell.js';

/** Runs one syscall: the router plus optional tracing. */
export type Dispatch = (t: Thread, nr: number, a: number, b: number, c: number, d: number, e: number, f: number) => number;

const ST = CHANNEL.STATE >> 2;
const NR = CHANNEL.NR >> 2;
const ARG = CHANNEL.ARGS >> 2;
const RES = CHANNEL.RESULT >> 2;
const WAITING = CHANNEL.WAITING >> 2;
const SPIN = CHANNEL.SPIN >> 2;
const PARKED = CHANNEL.PARKED >> 2;
/** Calls whose handlers start workers: their callers should not hold a CPU spinning meanwhile. */
const STARTS_WORKERS = new Set(['clone', 'kandelo_fork', 'kandelo_spawn', 'execve', 'execveat'].map((n) => syscallNumber(n)!));

/** Lets other work (worker messages, timers, host I/O callbacks) run, then calls `cb`. */
const yieldToHost: (cb: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? (cb) => (globalThis as unknown as { setImmediate(cb: () => void): void }).setImmediate(cb)
    : (() => {
        const mc = new MessageChannel();
        const q: (() => void)[] = [];
        mc.port1.onmessage = () => q.shift()?.();
        return (cb: () => void) => {
          q.push(cb);
          mc.port2.postMessage(0);
        };
      })();

const now = (): number => performance.now();

/**
 * Serves every thread's channel. While there is work, or for a short adaptive spin window after
 * the last call, it polls the channels in a loop (a round trip then costs well under a
 * microsecond); when idle it sets SLEEPING and waits on the doorbell without blocking its event
 * loop. It yields to the event loop every few milliseconds so host callbacks keep flowing.
 */
export class ChannelServer {
  private readonly threads: Thread[] = [];
  private runQueue: Thread[] = [];
  private running = false;
  private sleeping = false;
  /** How long to keep polling after the last call, in ms. */
  private static readonly SPIN_MS = 0.5;
  /** Threads not parked in the kernel at the last pass: running, or spinning on their channel. */
  private runnable = 0;
  private static readonly SLICE_MS = 4;

  /** Completions withheld from threads of stopped processes, published on continue. */
  private readonly deferred = new Map<Thread, number>();
  /** Woken calls of stopped processes, run on continue. */
  private readonly held = new Set<Thread>();

  /** Publishes what a stop withheld from `threads` (their process continued). */
  resume(threads: Iterable<Thread>): void {
    for (const t of threads) {
      const r = this.deferred.get(t);
      if (r !== undefined) {
        this.deferred.delete(t);
        this.complete(t, r);
      }
      if (this.held.delete(t)) this.runQueue.push(t);
    }
    this.kick();
  }

  /** Runs just before a completion is published (the kernel attaches signal deliveries). */
  beforeComplete: (t: Thread) => void = () => {};
  /** Runs when a call has parked (the kernel interrupts it if a caught signal already waits). */
  afterPark: (t: Thread) => void = () => {};

  constructor(
    private readonly dispatch: Dispatch,
    readonly doorbell: Int32Array,
    /** Logical CPUs: spinning is cut back when more threads than this are active. */
    private readonly cpus = 2,
  ) {}

  add(t: Thread): void {
    this.threads.push(t);
    this.kick();
  }

  remove(t: Thread): void {
    const i = this.threads.indexOf(t);
    if (i >= 0) this.threads.splice(i, 1);
    this.deferred.delete(t);
    this.held.delete(t);
    this.runQueue = this.runQueue.filter((x) => x !== t);
  }

  /**
   * Spinning only pays while every spinner has a CPU of its own. With the kernel and the runnable
   * threads outnumbering the CPUs, a spinner holds a CPU that a worker needs (a starting thread,
   * a forked child), which then waits a whole scheduler time slice (~4-5 ms here).
   */
  private get oversubscribed(): boolean {
    return this.runnable + 1 > this.cpus;
  }

  /** Whether the threads running at the last pass take every CPU (a host defers extra work). */
  get cpusBusy(): boolean {
    return this.runnable >= this.cpus;
  }

  /** Queues a woken thread's call to be run again. */
  runAgain(t: Thread): void {
    this.runQueue.push(t);
    this.kick();
  }

  /** Completes a thread's pending call with `result` (used by deferred completions). */
  complete(t: Thread, result: number): void {
    // A stopped process's threads get no answers (SIGSTOP withholds completions) until SIGCONT.
    if (t.process.stopSignal && !t.exited) {
      this.deferred.set(t, result);
      return;
    }
    this.beforeComplete(t);
    const i32 = t.process.memory.i32;
    const base = t.channel >> 2;
    i32[base + PARKED] = CHANNEL_PARKED.NO;
    // This completion delivers what was pending (a stop held it back): the loops need not poll.
    settleAttention(t);
    i32[base + RES] = result | 0;
    i32[base + RES + 1] = result < 0 ? -1 : Math.floor(result / 0x1_0000_0000);
    // Oversubscribed: ask the thread to sleep soon on its next call instead of spinning.
    if (this.oversubscribed) i32[base + SPIN] = SPIN_SLEEP_HINT;
    Atomics.store(i32, base + ST, CHANNEL_STATE.COMPLETE);
    if (Atomics.load(i32, base + WAITING) !== 0) Atomics.notify(i32, base + ST, 1);
  }

  /** Makes sure the serving loop runs soon. */
  kick(): void {
    if (this.sleeping) {
      Atomics.add(this.doorbell, DOORBELL.SEQ, 1);
      Atomics.notify(this.doorbell, DOORBELL.SEQ);
    } else if (!this.running) {
      this.running = true;
      yieldToHost(this.loop);
    }
  }

  private run(t: Thread): void {
    const i32 = t.process.memory.i32;
    const base = t.channel >> 2;
    const nr = i32[base + NR]!;
    t.nr = nr;
    // The answer is near while the handler runs: tell the thread to keep spinning rather than
    // sleep (a wake-up costs tens of microseconds), unless spinners would starve each other or
    // the call starts workers, which need the CPUs (process creation, exec).
    if (!this.oversubscribed && !STARTS_WORKERS.has(nr)) Atomics.store(i32, base + PARKED, CHANNEL_PARKED.SERVING);
    const r = this.dispatch(t, nr, i32[base + ARG]!, i32[base + ARG + 2]!, i32[base + ARG + 4]!,
      i32[base + ARG + 6]!, i32[base + ARG + 8]!, i32[base + ARG + 10]!);
    if (r === PARK) {
      Atomics.store(i32, base + PARKED, CHANNEL_PARKED.HELD);
      this.afterPark(t);
      return;
    }
    if (r === NO_REPLY) return;
    t.progress = undefined;
    this.complete(t, r);
  }

  /** One pass over the run queue and every channel; returns the number of calls served. */
  private pass(): number {
    let served = 0;
    if (this.runQueue.length) {
      const q = this.runQueue;
      this.runQueue = [];
      for (const t of q) {
        // The channel scan may already have served a woken thread's call in an earlier pass: only
        // a call still PENDING may run (else a completed write would be repeated).
        if (t.exited || t.parked) continue;
        if (t.process.stopSignal) {
          this.held.add(t);
          continue;
        }
        if (Atomics.load(t.process.memory.i32, (t.channel >> 2) + ST) !== CHANNEL_STATE.PENDING) continue;
        this.run(t);
        served++;
      }
    }
    const ts = this.threads;
    let runnable = 0;
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      if (t.parked || t.process.stopSignal) continue;
      runnable++;
      if (Atomics.load(t.process.memory.i32, (t.channel >> 2) + ST) !== CHANNEL_STATE.PENDING) continue;
      this.run(t);
      served++;
    }
    this.runnable = runnable;
    return served;
  }

  private readonly loop = (): void => {
    const start = now();
    let last = start;
    for (;;) {
      const served = this.pass();
      const t = now();
      if (served) last = t;
      else if (this.oversubscribed || t - last > ChannelServer.SPIN_MS) break;
      if (t - start > ChannelServer.SLICE_MS) {
        yieldToHost(this.loop);
        return;
      }
    }
    this.sleep();
  };

  private sleep(): void {
    const bell = this.doorbell;
    Atomics.store(bell, DOORBELL.SLEEPING, 1);
    this.sleeping = true;
    const seq = Atomics.load(bell, DOORBELL.SEQ);
    // Re-check after announcing sleep: a process that rang before seeing SLEEPING is caught here.
    if (this.pass() > 0) {
      this.wakeUp();
      return;
    }
    const w = Atomics.waitAsync(bell, DOORBELL.SEQ, seq);
    if (w.async) w.value.then(this.wakeUp);
    else this.wakeUp();
  }

  private readonly wakeUp = (): void => {
    Atomics.store(this.doorbell, DOORBELL.SLEEPING, 0);
    this.sleeping = false;
    this.running = true;
    this.loop();
  };
}
