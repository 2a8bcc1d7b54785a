import { CLOCK, E, type HostClock, PARK, partial, type SyscallEntry, TIMESPEC } from '@kandelo/kernel-core';

const TIMER_ABSTIME = 1;

/** clock_nanosleep: the caller parks on a host timer; the kernel keeps serving everyone else. */
export function sleepSyscalls(clock: HostClock): SyscallEntry[] {
  return [
    partial('clock_nanosleep_time64', (t, id, flags, req) => {
      if (id !== CLOCK.REALTIME && id !== CLOCK.MONOTONIC && id !== CLOCK.BOOTTIME) throw E.EINVAL;
      const done = t.awaitAsync('sleep', () => {
        const m = t.process.memory;
        const sec = m.i64n(req + TIMESPEC.tv_sec);
        const nsec = m.i32at(req + TIMESPEC.tv_nsec);
        if (sec < 0 || nsec < 0 || nsec >= 1e9) return Promise.reject(E.EINVAL);
        let ns = BigInt(sec) * 1_000_000_000n + BigInt(nsec);
        if (flags & TIMER_ABSTIME) ns -= id === CLOCK.REALTIME ? clock.realtimeNs() : clock.monotonicNs();
        const ms = Number(ns) / 1e6;
        return new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
      });
      return done ? 0 : PARK;
    }, 'not yet interrupted by signals (EINTR with the remaining time arrives with sys-signal)'),
  ];
}
