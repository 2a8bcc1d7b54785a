import {
  E, full, type Kernel, PARK, type Process, RUSAGE32, SIGINFO, SIGNALS, type SyscallEntry, type Thread,
} from '@kandelo/kernel-core';

const W = { NOHANG: 1, UNTRACED: 2, STOPPED: 2, EXITED: 4, CONTINUED: 8, NOWAIT: 0x01000000, NOTHREAD: 0x20000000, ALL: 0x40000000, CLONE: 0x80000000 } as const;
const P = { ALL: 0, PID: 1, PGID: 2 } as const;
const CLD = { EXITED: 1, KILLED: 2, DUMPED: 3 } as const;

/** The children of `p` a wait selector (wait4's pid, or waitid's idtype/id) refers to. */
function selected(p: Process, match: (c: Process) => boolean): Process[] {
  const out: Process[] = [];
  for (const c of p.children) if (match(c)) out.push(c);
  return out;
}

function byPid(p: Process, pid: number): (c: Process) => boolean {
  if (pid > 0) return (c) => c.pid === pid;
  if (pid === -1) return () => true;
  if (pid === 0) return (c) => c.pgid === p.pgid;
  return (c) => c.pgid === -pid;
}

/** wait4 and waitid: zombies are reaped in any order; callers park until a child changes state. */
export function waitSyscalls(kernel: Kernel): SyscallEntry[] {
  const waitFor = (t: Thread, match: (c: Process) => boolean, nohang: boolean, found: (c: Process) => void): number => {
    const p = t.process;
    const kids = selected(p, match);
    if (kids.length === 0) throw E.ECHILD;
    const z = kids.find((c) => c.zombie);
    if (z) {
      found(z);
      return z.pid;
    }
    if (nohang) return 0;
    return t.park(p.childEvents);
  };
  return [
    full('wait4', (t, pid, wstatus, options, rusage) => {
      if (options & ~(W.NOHANG | W.UNTRACED | W.CONTINUED | W.NOTHREAD | W.ALL | W.CLONE)) throw E.EINVAL;
      const m = t.process.memory;
      if (wstatus) m.check(wstatus, 4);
      if (rusage) m.check(rusage, RUSAGE32.size);
      return waitFor(t, byPid(t.process, pid), (options & W.NOHANG) !== 0, (z) => {
        if (wstatus) m.setI32(wstatus, z.status!);
        if (rusage) m.bytes(rusage, RUSAGE32.size).fill(0);
        kernel.reap(t.process, z);
      });
    }),
    full('waitid', (t, idtype, id, infop, options, rusage) => {
      if (options & ~(W.NOHANG | W.STOPPED | W.EXITED | W.CONTINUED | W.NOWAIT | W.NOTHREAD | W.ALL | W.CLONE)) throw E.EINVAL;
      if (!(options & (W.EXITED | W.STOPPED | W.CONTINUED))) throw E.EINVAL;
      const p = t.process;
      let match: (c: Process) => boolean;
      if (idtype === P.ALL) match = () => true;
      else if (idtype === P.PID && id > 0) match = (c) => c.pid === id;
      else if (idtype === P.PGID && id >= 0) match = (c) => c.pgid === (id || p.pgid);
      else throw E.EINVAL;
      const m = p.memory;
      if (infop) m.bytes(infop, SIGINFO.size).fill(0);
      if (!(options & W.EXITED)) {
        // Only stop/continue events were asked for; they arrive with job control.
        if (selected(p, match).length === 0) throw E.ECHILD;
        return options & W.NOHANG ? 0 : t.park(p.childEvents);
      }
      const r = waitFor(t, match, (options & W.NOHANG) !== 0, (z) => {
        const st = z.status!;
        const sig = st & 0x7f;
        if (infop) {
          m.setI32(infop + SIGINFO.si_signo, SIGNALS.SIGCHLD);
          m.setI32(infop + SIGINFO.si_code, sig === 0 ? CLD.EXITED : st & 0x80 ? CLD.DUMPED : CLD.KILLED);
          m.setI32(infop + SIGINFO.si_pid, z.pid);
          m.setI32(infop + SIGINFO.si_uid, z.creds.uid);
          m.setI32(infop + SIGINFO.si_status, sig === 0 ? (st >> 8) & 0xff : sig);
        }
        if (rusage) m.bytes(rusage, RUSAGE32.size).fill(0);
        if (!(options & W.NOWAIT)) kernel.reap(p, z);
      });
      return r === PARK ? r : 0;
    }),
  ];
}
