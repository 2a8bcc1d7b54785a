import { full, pageAlign, provideRange, type SyscallEntry } from '@kandelo/kernel-core';


/** brk: returns the new break, or the old one when the request cannot be met (as Linux does). */
export function brkSyscalls(): SyscallEntry[] {
  return [
    full('brk', (t, addr) => {
      const p = t.process;
      const mm = p.mm;
      const want = addr >>> 0;
      if (want < mm.brkStart) return mm.brk;
      if (want > mm.brk) {
        const end = pageAlign(want);
        if (mm.nextMappingStart(mm.brk) < end) return mm.brk;
        try {
          provideRange(p, mm.brk, end);
        } catch {
          return mm.brk;
        }
      }
      mm.brk = want;
      return want;
    }),
  ];
}
