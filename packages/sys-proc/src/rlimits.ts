import { E, full, type Kernel, type Process, RLIMIT, RLIMIT64, type SyscallEntry, type Thread } from '@kandelo/kernel-core';

const INF64 = (1n << 64n) - 1n;
/** Largest RLIMIT_NOFILE a process may set (Linux's fs.nr_open default). */
const NR_OPEN = 1024 * 1024;

const toU64 = (v: number): bigint => (v === Infinity ? INF64 : BigInt(v));
const fromU64 = (v: bigint): number => (v >= INF64 || v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v));

/** Applies a new limit: soft <= hard, raising the hard limit needs root. */
function setLimit(p: Process, res: number, cur: number, max: number): void {
  if (cur > max) throw E.EINVAL;
  const [, oldMax] = p.rlimits[res]!;
  if (max > oldMax && p.creds.euid !== 0) throw E.EPERM;
  if (res === RLIMIT.NOFILE) {
    if (max > NR_OPEN) throw E.EPERM;
    p.fds.limit = cur;
  }
  p.rlimits[res] = [cur, max];
}

/** prlimit64 (what musl uses), and the 32-bit getrlimit/setrlimit. */
export function rlimitSyscalls(kernel: Kernel): SyscallEntry[] {
  const target = (t: Thread, pid: number): Process => {
    if (pid === 0 || pid === t.process.pid) return t.process;
    const p = kernel.processes.get(pid);
    if (!p || p.zombie) throw E.ESRCH;
    return p;
  };
  const check = (res: number) => {
    if (res < 0 || res >= RLIMIT.NLIMITS) throw E.EINVAL;
  };
  return [
    full('prlimit64', (t, pid, res, newp, oldp) => {
      check(res);
      const p = target(t, pid);
      const m = t.process.memory;
      let next: [number, number] | undefined;
      if (newp) next = [fromU64(m.i64(newp + RLIMIT64.rlim_cur) & INF64), fromU64(m.i64(newp + RLIMIT64.rlim_max) & INF64)];
      if (oldp) {
        const [cur, max] = p.rlimits[res]!;
        m.setI64(oldp + RLIMIT64.rlim_cur, toU64(cur));
        m.setI64(oldp + RLIMIT64.rlim_max, toU64(max));
      }
      if (next) setLimit(p, res, next[0], next[1]);
      return 0;
    }),
    full('getrlimit', (t, res, ptr) => {
      check(res);
      const [cur, max] = t.process.rlimits[res]!;
      const m = t.process.memory;
      m.setU32(ptr, cur >= 0xffffffff ? 0xffffffff : cur);
      m.setU32(ptr + 4, max >= 0xffffffff ? 0xffffffff : max);
      return 0;
    }),
    full('setrlimit', (t, res, ptr) => {
      check(res);
      const m = t.process.memory;
      const w = (v: number) => (v === 0xffffffff ? Infinity : v);
      setLimit(t.process, res, w(m.u32(ptr)), w(m.u32(ptr + 4)));
      return 0;
    }),
  ];
}
