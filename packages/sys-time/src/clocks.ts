import { CLOCK, E, full, type HostClock, partial, type SyscallEntry, type Thread } from '@kandelo/kernel-core';

/** Reads a clock in nanoseconds; EINVAL for an unknown clock id. */
export function readClock(clock: HostClock, t: Thread, id: number): bigint {
  switch (id) {
    case CLOCK.REALTIME:
    case CLOCK.REALTIME_COARSE:
      return clock.realtimeNs();
    case CLOCK.MONOTONIC:
    case CLOCK.MONOTONIC_RAW:
    case CLOCK.MONOTONIC_COARSE:
    case CLOCK.BOOTTIME:
      return clock.monotonicNs();
    case CLOCK.PROCESS_CPUTIME_ID:
    case CLOCK.THREAD_CPUTIME_ID:
      // Wall time since the process started, until per-worker CPU accounting arrives.
      return clock.monotonicNs() - t.process.startNs;
    default:
      throw E.EINVAL;
  }
}

export function clockSyscalls(clock: HostClock): SyscallEntry[] {
  return [
    partial('clock_gettime64', (t, id, ts) => {
      t.process.memory.setTimespecNs(ts, readClock(clock, t, id));
      return 0;
    }, 'CPU-time clocks report wall time since the process (thread) started'),
    full('clock_getres_time64', (t, id, ts) => {
      readClock(clock, t, id);
      if (ts) t.process.memory.setTimespecNs(ts, 1000n);
      return 0;
    }),
  ];
}
