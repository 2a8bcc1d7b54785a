import { E, full, type HostClock, type KernelConfig, partial, type SyscallEntry } from '@kandelo/kernel-core';

/** Clock ticks per second for times() (musl's sysconf(_SC_CLK_TCK), AT_CLKTCK). */
const HZ = 100;

/** sched_yield, sched_getaffinity, times. */
export function schedSyscalls(clock: HostClock, config: KernelConfig): SyscallEntry[] {
  const cpus = Math.max(1, Math.min(config.cpus ?? 2, 32));
  return [
    full('sched_yield', () => 0),
    full('sched_getaffinity', (t, pid, size, mask) => {
      if (pid < 0) throw E.ESRCH;
      // Every process may run on every host CPU: a 32-bit mask (sizeof(long) on this ABI).
      if ((size >>> 0) < 4 || size & 3) throw E.EINVAL;
      t.process.memory.setU32(mask, cpus === 32 ? 0xffffffff : (1 << cpus) - 1);
      return 4;
    }),
    partial('times', (t, buf) => {
      const now = clock.monotonicNs();
      if (buf) {
        const m = t.process.memory;
        const user = Number((now - t.process.startNs) / BigInt(1e9 / HZ));
        m.setI32(buf, user);
        m.setI32(buf + 4, 0);
        m.setI32(buf + 8, 0);
        m.setI32(buf + 12, 0);
      }
      return Number(now / BigInt(1e9 / HZ)) | 0;
    }, 'tms_utime is the wall time since the process started (CPU time is not metered per worker yet); children times are 0'),
  ];
}
