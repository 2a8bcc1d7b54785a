import { E, full, GRND, type HostRandom, type SyscallEntry } from '@kandelo/kernel-core';

/** getrandom: the host's CSPRNG; never blocks (the pool is always initialised). */
export function randomSyscalls(random: HostRandom): SyscallEntry[] {
  return [
    full('getrandom', (t, buf, len, flags) => {
      if (flags & ~(GRND.NONBLOCK | GRND.RANDOM | GRND.INSECURE)) throw E.EINVAL;
      const n = Math.min(len >>> 0, 33554431);
      const out = t.process.memory.bytes(buf, n);
      for (let i = 0; i < n; i += 65536) random.fill(out.subarray(i, Math.min(n, i + 65536)));
      return n;
    }),
  ];
}
