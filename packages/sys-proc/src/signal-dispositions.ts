import {
  E, type Kernel, K_SIGACTION, NSIG, SIG_HOW, SIGSET_SIZE, type SyscallEntry, type Thread,
  UNBLOCKABLE, full, type Process, SI, SIGINFO, SIGNALS, defaultAction, discardPending, ignored,
} from '@kandelo/kernel-core';

const readSet = (t: Thread, ptr: number): bigint => t.process.memory.i64(ptr) & ((1n << 64n) - 1n);

/**
 * Dispositions, masks, kill/tkill/tgkill and rt_sigreturn. Handlers run when a call completes (the
 * glue calls them, then rt_sigreturn); these entries move to sys-signal with the signals issue.
 */
/**
 * The siginfo a sigqueue caller supplies: its si_code and value, with the sender's pid and uid.
 * Like Linux, a non-negative code (kernel-generated kinds) may not be forged for another process.
 */
function queuedInfo(t: Thread, target: Process, uinfo: number) {
  const m = t.process.memory;
  const code = m.i32at(uinfo + SIGINFO.si_code);
  if ((code >= 0 || code === SI.TKILL) && target !== t.process) throw E.EPERM;
  return { code, pid: t.process.pid, uid: t.process.creds.uid, status: m.i32at(uinfo + SIGINFO.si_status) };
}

export function signalSyscalls(kernel: Kernel): SyscallEntry[] {
  const find = (t: Thread, pid: number) => {
    if (pid === t.process.pid || pid === 0) return t.process;
    const p = kernel.processes.get(pid);
    if (!p) throw E.ESRCH; // a zombie can still be signalled (to no effect), as on Linux
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
        // Linux flushes the pending instances of a signal whose action becomes "ignore".
        if (ignored(a.handler, defaultAction(sig))) discardPending(t.process, sig);
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
    full('kill', (t, pid, sig) => {
      checkSig(sig);
      const self = t.process;
      const info = { code: SI.USER, pid: self.pid, uid: self.creds.uid, status: 0 };
      if (pid > 0) {
        kernel.signal(find(t, pid), sig, undefined, info);
        return 0;
      }
      // Process groups (pid 0: the caller's; pid < -1: group -pid) and every process (pid -1,
      // except init and the caller). Each target gets it; ESRCH only when none exists.
      const pgid = pid === 0 ? self.pgid : -pid;
      const targets = [...kernel.processes.all()].filter((q) => !q.zombie &&
        (pid === -1 ? q.pid !== 1 && q !== self : q.pgid === pgid));
      if (targets.length === 0) throw E.ESRCH;
      for (const q of targets) kernel.signal(q, sig, undefined, info);
      return 0;
    }),
    full('tkill', (t, tid, sig) => {
      checkSig(sig);
      const th = t.process.threads.get(tid);
      if (!th) throw E.ESRCH;
      kernel.signal(t.process, sig, th, { code: SI.TKILL, pid: t.process.pid, uid: t.process.creds.uid, status: 0 });
      return 0;
    }),
    full('tgkill', (t, tgid, tid, sig) => {
      checkSig(sig);
      const p = find(t, tgid);
      const th = p.threads.get(tid);
      if (!th) throw E.ESRCH;
      kernel.signal(p, sig, th, { code: SI.TKILL, pid: t.process.pid, uid: t.process.creds.uid, status: 0 });
      return 0;
    }),
    full('rt_sigqueueinfo', (t, pid, sig, uinfo) => {
      checkSig(sig);
      const p = find(t, pid);
      kernel.signal(p, sig, undefined, queuedInfo(t, p, uinfo));
      return 0;
    }),
    full('rt_tgsigqueueinfo', (t, tgid, tid, sig, uinfo) => {
      checkSig(sig);
      const p = find(t, tgid);
      const th = p.threads.get(tid);
      if (!th) throw E.ESRCH;
      kernel.signal(p, sig, th, queuedInfo(t, p, uinfo));
      return 0;
    }),
    full('rt_sigreturn', (t, lo, hi) => {
      // The glue's call after a handler: restore the mask the delivery saved.
      t.sigmask = ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)) & ~UNBLOCKABLE;
      kernel.recheckPending(t);
      return 0;
    }),
  ];
}
