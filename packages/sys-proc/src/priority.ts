import { E, full, type Kernel, type Process, type SyscallEntry, type Thread } from '@kandelo/kernel-core';

const PRIO = { PROCESS: 0, PGRP: 1, USER: 2 } as const;
const NICE_MIN = -20;
const NICE_MAX = 19;

/**
 * getpriority/setpriority: nice values are kept per process (inherited by fork and spawn) and
 * reported, but scheduling is the host's: they change nothing else. The raw getpriority returns
 * 20 - nice (musl converts it), as Linux's does.
 */
export function prioritySyscalls(kernel: Kernel): SyscallEntry[] {
  const targets = (t: Thread, which: number, who: number): Process[] => {
    const self = t.process;
    const live = [...kernel.processes.all()].filter((q) => !q.zombie);
    switch (which) {
      case PRIO.PROCESS: return live.filter((q) => q.pid === (who || self.pid));
      case PRIO.PGRP: return live.filter((q) => q.pgid === (who || self.pgid));
      case PRIO.USER: return live.filter((q) => q.creds.uid === (who || self.creds.uid));
      default: throw E.EINVAL;
    }
  };
  return [
    full('getpriority', (t, which, who) => {
      const ps = targets(t, which, who);
      if (!ps.length) throw E.ESRCH;
      return 20 - Math.min(...ps.map((q) => q.nice));
    }),
    full('setpriority', (t, which, who, prio) => {
      const ps = targets(t, which, who);
      if (!ps.length) throw E.ESRCH;
      const nice = Math.max(NICE_MIN, Math.min(NICE_MAX, prio | 0));
      const me = t.process.creds;
      for (const q of ps) {
        if (me.euid !== 0 && me.euid !== q.creds.uid && me.euid !== q.creds.euid) throw E.EPERM;
        // Raising priority (a lower nice) is root's privilege (CAP_SYS_NICE).
        if (nice < q.nice && me.euid !== 0) throw E.EACCES;
      }
      for (const q of ps) q.nice = nice;
      return 0;
    }),
  ];
}
