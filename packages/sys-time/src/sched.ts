import {
  E, full, type Kernel, type KernelConfig, memoryKb, partial, SYSINFO, type SyscallEntry, writeRusage,
} from '@kandelo/kernel-core';

/** Clock ticks per second for times() (musl's sysconf(_SC_CLK_TCK), AT_CLKTCK). */
const HZ = 100;
const NS_PER_TICK = BigInt(1e9 / HZ);
const RUSAGE = { SELF: 0, CHILDREN: -1, THREAD: 1 } as const;
/** sysinfo's memory unit: KiB, so 4 GiB and more fit the 32-bit fields. */
const MEM_UNIT = 1024;

/** sched_yield, sched_getaffinity, times, getrusage, sysinfo. */
export function schedSyscalls(kernel: Kernel, config: KernelConfig): SyscallEntry[] {
  const cpus = Math.max(1, Math.min(config.cpus ?? 2, 32));
  const clock = kernel.clock;
  return [
    full('sched_yield', () => 0),
    full('sched_getaffinity', (t, pid, size, mask) => {
      if (pid < 0) throw E.ESRCH;
      // Every process may run on every host CPU: a 32-bit mask (sizeof(long) on this ABI).
      if ((size >>> 0) < 4 || size & 3) throw E.EINVAL;
      t.process.memory.setU32(mask, cpus === 32 ? 0xffffffff : (1 << cpus) - 1);
      return 4;
    }),
    full('times', (t, buf) => {
      if (buf) {
        const m = t.process.memory;
        const p = t.process;
        m.setI32(buf, Number(kernel.processCpuNs(p) / NS_PER_TICK) | 0);
        m.setI32(buf + 4, 0);
        m.setI32(buf + 8, Number(p.childCpuNs / NS_PER_TICK) | 0);
        m.setI32(buf + 12, 0);
      }
      return Number(clock.monotonicNs() / NS_PER_TICK) | 0;
    }, 'CPU time is metered per worker (all of it user time; the kernel\'s share is not split out)'),
    partial('getrusage', (t, who, usage) => {
      const p = t.process;
      let ns: bigint;
      if (who === RUSAGE.SELF) ns = kernel.processCpuNs(p);
      else if (who === RUSAGE.CHILDREN) ns = p.childCpuNs;
      else if (who === RUSAGE.THREAD) ns = kernel.threadCpuNs(t);
      else throw E.EINVAL;
      writeRusage(p.memory, usage, ns, who === RUSAGE.CHILDREN ? 0 : memoryKb(p));
      return 0;
    }, 'utime is the metered CPU time, stime 0; maxrss is the linear memory size; no fault or context-switch counts'),
    partial('sysinfo', (t, info) => {
      const m = t.process.memory;
      m.bytes(info, SYSINFO.size).fill(0);
      let procs = 0;
      let used = 0;
      for (const p of kernel.processes.all()) {
        procs++;
        if (!p.zombie) used += memoryKb(p) * 1024;
      }
      const total = config.memoryLimit;
      m.setU32(info + SYSINFO.uptime, Number(clock.monotonicNs() / 1_000_000_000n));
      m.setU32(info + SYSINFO.totalram, Math.min(0xffffffff, Math.floor(total / MEM_UNIT)));
      m.setU32(info + SYSINFO.freeram, Math.floor(Math.max(0, total - used) / MEM_UNIT));
      m.setU16(info + SYSINFO.procs, Math.min(procs, 0xffff));
      m.setU32(info + SYSINFO.mem_unit, MEM_UNIT);
      return 0;
    }, 'memory is the kernel\'s configured limit and the processes\' linear memories; load averages are 0'),
  ];
}
