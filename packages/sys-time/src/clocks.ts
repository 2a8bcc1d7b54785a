import { CLOCK, E, full, type HostClock, type Kernel, type SyscallEntry, type Thread } from '@kandelo/kernel-core';

/** What the clocks read: the host's clocks and the kernel's CPU metering. */
export interface ClockSource {
  readonly clock: HostClock;
  threadCpuNs(t: Thread): bigint;
  processCpuNs(p: Thread['process']): bigint;
}

/** Reads a clock in nanoseconds; EINVAL for an unknown clock id. */
export function readClock(src: ClockSource, t: Thread, id: number): bigint {
  const clock = src.clock;
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
      return src.processCpuNs(t.process);
    case CLOCK.THREAD_CPUTIME_ID:
      return src.threadCpuNs(t);
    default:
      throw E.EINVAL;
  }
}

export function clockSyscalls(kernel: Kernel): SyscallEntry[] {
  return [
    full('clock_gettime64', (t, id, ts) => {
      t.process.memory.setTimespecNs(ts, readClock(kernel, t, id));
      return 0;
    }, 'CPU-time clocks are metered per worker thread by the host (Linux: schedstat); other hosts give wall time since start'),
    full('clock_getres_time64', (t, id, ts) => {
      readClock(kernel, t, id);
      if (ts) t.process.memory.setTimespecNs(ts, 1000n);
      return 0;
    }),
    full('clock_settime64', (t, id, ts) => {
      readClock(kernel, t, id); // EINVAL for unknown clocks
      t.process.memory.timespecNs(ts); // EFAULT/EINVAL for a bad timespec, as Linux checks first
      // Only the realtime clock is settable, and never from a guest: the host owns it.
      if (id !== CLOCK.REALTIME) throw E.EINVAL;
      throw E.EPERM;
    }),
  ];
}
