import {
  E, type Kernel, K_SIGACTION, NSIG, SIG_HOW, SIGSET_SIZE, type SyscallEntry, type Thread,
  UNBLOCKABLE, full, partial, SIGNALS,
} from '@kandelo/kernel-core';

const readSet = (t: Thread, ptr: number): bigint => t.process.memory.i64(ptr) & ((1n << 64n) - 1n);

/**
 * Dispositions and masks are stored for real; kill/tkill apply default actions. Handler delivery
 * arrives with the signals issue (sys-signal takes these entries over then).
 */
export function signalSyscalls(kernel: Kernel): SyscallEntry[] {
  const find = (t: Thread, pid: number) => {
    if (pid === t.process.pid || pid === 0) return t.process;
    const p = kernel.processes.get(pid);
    if (!p || p.zombie) throw E.ESRCH;
    return p;
  };
  const checkSig = (sig: number) => {
    if (sig < 0 || sig >= NSIG) throw E.EINVAL;
  };
  return [
    full('rt_sigaction', (t, sig, act, old, size) => {
      if (size !== SIGSET_SIZE || sig < 1 || sig >= NSIG) throw E.EINVAL;
      const m = t.process.memory;
      const a = t.process.signals.actions[sig]!;
      if (old) {
        m.setU32(old + K_SIGACTION.handler, a.handler);
        m.setU32(old + K_SIGACTION.flags, a.flags);
        m.setU32(old + K_SIGACTION.restorer, a.restorer);
        m.setI64(old + K_SIGACTION.mask, a.mask);
      }
      if (act) {
        if (sig === SIGNALS.SIGKILL || sig === SIGNALS.SIGSTOP) throw E.EINVAL;
        a.handler = m.u32(act + K_SIGACTION.handler);
        a.flags = m.u32(act + K_SIGACTION.flags);
        a.restorer = m.u32(act + K_SIGACTION.restorer);
        a.mask = readSet(t, act + K_SIGACTION.mask) & ~UNBLOCKABLE;
        kernel.recheckPending(t);
      }
      return 0;
    }),
    full('rt_sigprocmask', (t, how, set, old, size) => {
      if (size !== SIGSET_SIZE) throw E.EINVAL;
      const m = t.process.memory;
      const prev = t.sigmask;
      if (set) {
        const s = readSet(t, set);
        if (how === SIG_HOW.BLOCK) t.sigmask |= s;
        else if (how === SIG_HOW.UNBLOCK) t.sigmask &= ~s;
        else if (how === SIG_HOW.SETMASK) t.sigmask = s;
        else throw E.EINVAL;
        t.sigmask &= ~UNBLOCKABLE;
      }
      if (old) m.setI64(old, prev);
      if (set) kernel.recheckPending(t);
      return 0;
    }),
    partial('kill', (t, pid, sig) => {
      checkSig(sig);
      if (pid === -1) throw E.EPERM;
      kernel.signal(find(t, pid < 0 ? -pid : pid), sig);
      return 0;
    }, 'default actions only; handlers run once sys-signal delivers them; process groups arrive with sys-proc groups'),
    partial('tkill', (t, tid, sig) => {
      checkSig(sig);
      const th = t.process.threads.get(tid);
      if (!th) throw E.ESRCH;
      kernel.signal(t.process, sig, th);
      return 0;
    }, 'default actions only, within the calling process'),
    partial('tgkill', (t, tgid, tid, sig) => {
      checkSig(sig);
      const p = find(t, tgid);
      const th = p.threads.get(tid);
      if (!th) throw E.ESRCH;
      kernel.signal(p, sig, th);
      return 0;
    }, 'default actions only'),
  ];
}
