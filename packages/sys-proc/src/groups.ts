import { E, full, type Kernel, type Process, type SyscallEntry, type Thread } from '@kandelo/kernel-core';

/** Process groups and sessions, with POSIX's errors. */
export function groupSyscalls(kernel: Kernel): SyscallEntry[] {
  const lookup = (t: Thread, pid: number): Process => {
    if (pid === 0) return t.process;
    const p = kernel.processes.get(pid);
    if (!p) throw E.ESRCH;
    return p;
  };
  return [
    full('setpgid', (t, pid, pgid) => {
      if (pid < 0 || pgid < 0) throw E.EINVAL;
      const self = t.process;
      const target = pid === 0 ? self : kernel.processes.get(pid);
      if (!target || (target !== self && target.ppid !== self.pid)) throw E.ESRCH;
      if (target !== self && target.execed) throw E.EACCES;
      if (target.sid !== self.sid) throw E.EPERM;
      if (target.sid === target.pid) throw E.EPERM;
      const want = pgid === 0 ? target.pid : pgid;
      if (want !== target.pid) {
        let exists = false;
        for (const q of kernel.processes.all()) if (q.pgid === want && q.sid === self.sid && !q.zombie) exists = true;
        if (!exists) throw E.EPERM;
      }
      target.pgid = want;
      return 0;
    }),
    full('getpgid', (t, pid) => lookup(t, pid).pgid),
    full('setsid', (t) => {
      const p = t.process;
      for (const q of kernel.processes.all()) if (q.pgid === p.pid && !q.zombie) throw E.EPERM;
      p.sid = p.pid;
      p.pgid = p.pid;
      p.ctty = undefined; // a new session starts with no controlling terminal
      return p.sid;
    }),
    full('getsid', (t, pid) => lookup(t, pid).sid),
  ];
}
