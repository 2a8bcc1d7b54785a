import {
  CLD, E, full, type Kernel, memoryKb, PARK, type Process, RUSAGE32, SIGINFO, SIGNALS, type SyscallEntry, type Thread,
  writeRusage,
  writeSiginfo,
} from '@kandelo/kernel-core';

const W = { NOHANG: 1, UNTRACED: 2, STOPPED: 2, EXITED: 4, CONTINUED: 8, NOWAIT: 0x01000000, NOTHREAD: 0x20000000, ALL: 0x40000000, CLONE: 0x80000000 } as const;
const P = { ALL: 0, PID: 1, PGID: 2 } as const;

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
  /**
   * Finds a child to report: a zombie, or (when asked) a stop or continue not reported yet.
   * `found` reports it (and reaps a zombie unless told not to); parks when nothing is ready.
   */
  const waitFor = (t: Thread, match: (c: Process) => boolean, opts: { nohang: boolean; stopped: boolean; continued: boolean },
    found: (c: Process, status: number, event: 'exited' | 'stopped' | 'continued') => void): number => {
    const p = t.process;
    const kids = selected(p, match);
    if (kids.length === 0) throw E.ECHILD;
    const z = kids.find((c) => c.zombie);
    if (z) {
      found(z, z.status!, 'exited');
      return z.pid;
    }
    const s = opts.stopped ? kids.find((c) => c.waitEvent === 'stopped' && c.stopSignal) : undefined;
    if (s) {
      found(s, (s.stopSignal << 8) | 0x7f, 'stopped');
      return s.pid;
    }
    const c = opts.continued ? kids.find((k) => k.waitEvent === 'continued') : undefined;
    if (c) {
      found(c, 0xffff, 'continued');
      return c.pid;
    }
    if (opts.nohang) return 0;
    return t.park(p.childEvents);
  };
  return [
    full('wait4', (t, pid, wstatus, options, rusage) => {
      if (options & ~(W.NOHANG | W.UNTRACED | W.CONTINUED | W.NOTHREAD | W.ALL | W.CLONE)) throw E.EINVAL;
      const m = t.process.memory;
      if (wstatus) m.check(wstatus, 4);
      if (rusage) m.check(rusage, RUSAGE32.size);
      const opts = { nohang: (options & W.NOHANG) !== 0, stopped: (options & W.UNTRACED) !== 0, continued: (options & W.CONTINUED) !== 0 };
      return waitFor(t, byPid(t.process, pid), opts, (c, status, event) => {
        if (wstatus) m.setI32(wstatus, status);
        if (rusage) writeRusage(m, rusage, c.cpuNs + c.childCpuNs, memoryKb(c));
        if (event === 'exited') kernel.reap(t.process, c);
        else c.waitEvent = undefined;
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
      const exited = (options & W.EXITED) !== 0;
      const opts = { nohang: (options & W.NOHANG) !== 0, stopped: (options & W.STOPPED) !== 0, continued: (options & W.CONTINUED) !== 0 };
      const r = waitFor(t, exited ? match : (c) => match(c) && !c.zombie, opts, (c, st, event) => {
        const sig = st & 0x7f;
        if (infop) {
          let code: number = CLD.EXITED;
          let status = (st >> 8) & 0xff;
          if (event === 'stopped') [code, status] = [CLD.STOPPED, c.stopSignal];
          else if (event === 'continued') [code, status] = [CLD.CONTINUED, SIGNALS.SIGCONT];
          else if (sig !== 0) [code, status] = [st & 0x80 ? CLD.DUMPED : CLD.KILLED, sig];
          writeSiginfo(m, infop, SIGNALS.SIGCHLD, { code, pid: c.pid, uid: c.creds.uid, status });
        }
        if (rusage) writeRusage(m, rusage, c.cpuNs + c.childCpuNs, memoryKb(c));
        if (options & W.NOWAIT) return;
        if (event === 'exited') kernel.reap(p, c);
        else c.waitEvent = undefined;
      });
      return r === PARK ? r : 0;
    }),
  ];
}
