import { CLOCK, E, type HostClock, full, type SyscallEntry } from '@kandelo/kernel-core';

const TIMER_ABSTIME = 1;
const DONE = Symbol('slept');

/**
 * clock_nanosleep: the caller parks on a host timer; the kernel keeps serving everyone else. A
 * signal handler interrupts it with EINTR, and a relative sleep then reports the time left.
 */
export function sleepSyscalls(clock: HostClock): SyscallEntry[] {
  return [
    full('clock_nanosleep_time64', (t, id, flags, req, rem) => {
      if (t.progress === DONE) return 0;
      if (id !== CLOCK.REALTIME && id !== CLOCK.MONOTONIC && id !== CLOCK.BOOTTIME) throw E.EINVAL;
      const m = t.process.memory;
      const now = () => (id === CLOCK.REALTIME ? clock.realtimeNs() : clock.monotonicNs());
      let ns = m.timespecNs(req);
      const deadline = flags & TIMER_ABSTIME ? ns : now() + ns;
      ns = deadline - now();
      if (ns <= 0n) return 0;
      const r = t.park();
      // Host timers have millisecond granularity and may fire a little early against the
      // nanosecond clock: round up, and sleep again for whatever is left (never return early).
      let timer: ReturnType<typeof setTimeout>;
      const arm = (left: bigint) => {
        timer = setTimeout(() => {
          const rest = deadline - now();
          if (rest > 0n) return arm(rest);
          t.progress = DONE;
          t.wake();
        }, Math.ceil(Number(left) / 1e6));
      };
      arm(ns);
      t.parkCleanup = () => {
        clearTimeout(timer);
        // Interrupted (not woken by the timer): a relative sleep reports what is left.
        if (t.progress !== DONE && rem && !(flags & TIMER_ABSTIME)) {
          const left = deadline - now();
          m.setTimespecNs(rem, left > 0n ? left : 0n);
        }
      };
      return r;
    }),
  ];
}
