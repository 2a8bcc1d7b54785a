import {
  E, type HostClock, nextCaught, NO_REPLY, type OpenFile, PARK, POLL, SIGSET_SIZE, type Thread, UNBLOCKABLE,
  type WaitQueue,
} from '@kandelo/kernel-core';

/** What ppoll and pselect6 need from the kernel (the Kernel provides both). */
export interface PollKernel {
  readonly clock: HostClock;
  /** Acts on pending signals a mask change unblocked whose action is a default one (death, stop). */
  recheckPending(t: Thread): void;
}

/** Linux's DEFAULT_POLLMASK: a file without poll (a regular file) is always readable and writable. */
const DEFAULT_POLLMASK = POLL.IN | POLL.OUT | POLL.RDNORM | POLL.WRNORM;
/** setTimeout's longest delay (a larger one fires at once); longer waits re-arm. */
const MAX_DELAY_MS = 0x7fff_ffff;

/**
 * A file's poll bits now, as thread `t` sees them; its wake-up queues go into `queues` for a wait
 * that may follow.
 */
export function pollFile(f: OpenFile, t: Thread, queues: Set<WaitQueue>): number {
  const qs = f.ops.pollQueues?.(f, t);
  if (qs) for (const q of qs) queues.add(q);
  return f.ops.poll ? f.ops.poll(f, t) : DEFAULT_POLLMASK;
}

/** One pass over the descriptors: the count to return, and `commit` to write the results out. */
export interface Scan {
  readonly ready: number;
  commit(): void;
}

/** A poll's state across the re-runs of its call (kept in t.progress). */
class PollWait {
  timedOut = false;
  /** The caller's mask is in t.suspendMask while the temporary one is installed. */
  masked = false;
  timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly tsp: number,
    /** Monotonic deadline in ns; undefined waits forever. */
    readonly deadline: bigint | undefined,
    /** A zero timeout: one pass, no wait, no timeout written back. */
    readonly zero: boolean,
  ) {}
}

/** Reads the sigset pointer/size pair: EINVAL for a size other than the kernel's sigset. */
export function readSigmask(t: Thread, ptr: number, size: number): bigint | undefined {
  if (!ptr) return undefined;
  if (size !== SIGSET_SIZE) throw E.EINVAL;
  return t.process.memory.i64(ptr) & ((1n << 64n) - 1n);
}

/** Reads the timeout; EFAULT / EINVAL as Linux's poll_select_set_timeout. Undefined: forever. */
export function readTimeout(t: Thread, tsp: number): bigint | undefined {
  return tsp ? t.process.memory.timespecNs(tsp) : undefined;
}

/**
 * The shared body of ppoll and pselect6, in the kernel's re-run model: every run scans afresh
 * (spurious wakes cost a pass, nothing more). `begin` validates the arguments on the first run
 * only. A sigmask is installed for the wait as rt_sigsuspend does: a signal it lets in ends the
 * call with EINTR, never restarted, and the handler runs before the caller's mask comes back
 * (the kernel's delivery restores t.suspendMask); any other ending restores it here, so a signal
 * the caller blocks stays pending as in Linux. Like Linux (not POSIX), the timespec is updated
 * with the time left. `tsp`: the struct timespec (0: no timeout), read first as Linux does.
 * `begin` checks the other arguments and returns the temporary mask (undefined: none).
 * `commitOnEintr`: ppoll writes its revents on EINTR, select leaves its sets alone.
 */
export function pollCall(
  kernel: PollKernel, t: Thread, tsp: number, begin: () => bigint | undefined,
  scan: (queues: Set<WaitQueue>) => Scan, commitOnEintr: boolean,
): number {
  const clock = kernel.clock;
  let w = t.progress instanceof PollWait ? t.progress : undefined;
  t.progress = undefined;
  if (!w) {
    const ns = readTimeout(t, tsp);
    const mask = begin();
    w = new PollWait(tsp, ns === undefined ? undefined : clock.monotonicNs() + ns, ns === 0n);
    if (mask !== undefined) {
      t.suspendMask = t.sigmask;
      t.sigmask = mask & ~UNBLOCKABLE;
      w.masked = true;
      kernel.recheckPending(t); // a now-unblocked signal with a default action acts at once
      if (t.process.zombie) return NO_REPLY;
    }
  }
  const wait = w;
  const finish = (): void => {
    if (wait.masked) {
      t.sigmask = t.suspendMask ?? t.sigmask;
      t.suspendMask = undefined;
    }
    writeLeft(t, wait, clock);
  };
  const queues = new Set<WaitQueue>();
  let s: Scan;
  try {
    s = scan(queues);
  } catch (err) {
    finish(); // EFAULT and the like: the caller's mask comes back
    throw err;
  }
  if (s.ready > 0 || wait.zero || wait.timedOut || (wait.deadline !== undefined && clock.monotonicNs() >= wait.deadline)) {
    // Ready descriptors win over a pending signal, as in Linux's do_poll.
    if (s.ready === 0 && nextCaught(t)) return interrupted(t, wait, clock, s, commitOnEintr);
    finish();
    s.commit();
    return s.ready;
  }
  // A caught signal already pending would not interrupt a park (it is not new): end now.
  if (nextCaught(t)) return interrupted(t, wait, clock, s, commitOnEintr);
  return park(t, wait, clock, queues);
}

/** EINTR with the temporary mask still in place, for the handler's delivery to restore. */
function interrupted(t: Thread, w: PollWait, clock: HostClock, s: Scan, commit: boolean): never {
  writeLeft(t, w, clock);
  if (commit) s.commit();
  throw E.EINTR;
}

function park(t: Thread, w: PollWait, clock: HostClock, queues: Set<WaitQueue>): typeof PARK {
  t.progress = w;
  t.park(...queues);
  const deadline = w.deadline;
  if (deadline !== undefined) {
    // Host timers have millisecond granularity and may fire early against the ns clock: round
    // up, and wait again for whatever is left.
    const arm = (left: bigint): void => {
      w.timer = setTimeout(() => {
        const rest = deadline - clock.monotonicNs();
        if (rest > 0n) return arm(rest);
        w.timedOut = true;
        t.wake();
      }, Math.min(MAX_DELAY_MS, Math.ceil(Number(left) / 1e6)));
    };
    arm(deadline - clock.monotonicNs());
  }
  // Runs on every end of the park: a wake (the re-run writes the time again) or a signal's
  // interruption, which completes the call with EINTR and must leave the time left behind.
  t.parkCleanup = () => {
    if (w.timer !== undefined) clearTimeout(w.timer);
    w.timer = undefined;
    writeLeft(t, w, clock);
  };
  return PARK;
}

/** Linux's poll_select_finish: the timespec gets the time left (not for a zero or no timeout). */
function writeLeft(t: Thread, w: PollWait, clock: HostClock): void {
  if (!w.tsp || w.zero || w.deadline === undefined) return;
  const left = w.deadline - clock.monotonicNs();
  try {
    t.process.memory.setTimespecNs(w.tsp, left > 0n ? left : 0n);
  } catch {
    // EFAULT writing the time back: Linux ignores it too (the result stands).
  }
}
