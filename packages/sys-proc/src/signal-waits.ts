import {
  E, type Kernel, nextCaught, NO_REPLY, SIGSET_SIZE, type SyscallEntry, type Thread, UNBLOCKABLE,
  full, takeSignal, writeSiginfo,
} from '@kandelo/kernel-core';

const TIMED_OUT = Symbol('sigtimedwait timed out');
const readSet = (t: Thread, ptr: number): bigint => t.process.memory.i64(ptr) & ((1n << 64n) - 1n);

/** rt_sigpending, rt_sigsuspend, rt_sigtimedwait and kandelo_poll. */
export function signalWaitSyscalls(kernel: Kernel): SyscallEntry[] {
  return [
    // Made by a loop without syscalls when the kernel set the thread's ATTENTION word: the
    // completion runs pending handlers, and a stopped process's call waits for SIGCONT.
    full('kandelo_poll', () => 0, 'signals and stops for loops without syscalls (SDK post-link)'),
    full('rt_sigpending', (t, setp, size) => {
      if (size > SIGSET_SIZE) throw E.EINVAL;
      t.process.memory.setI64(setp, t.pendingSignals | t.process.signals.pending);
      return 0;
    }),
    full('rt_sigsuspend', (t, maskp, size) => {
      if (size !== SIGSET_SIZE) throw E.EINVAL;
      // Waits with the given mask until a handler runs; the completion then restores the mask.
      t.suspendMask = t.sigmask;
      t.sigmask = readSet(t, maskp) & ~UNBLOCKABLE;
      kernel.recheckPending(t); // a now-unblocked signal with a default action acts at once
      if (t.process.zombie) return NO_REPLY;
      if (nextCaught(t)) throw E.EINTR;
      return t.park();
    }),
    full('rt_sigtimedwait_time64', (t, setp, infop, tsp, size) => {
      if (size !== SIGSET_SIZE) throw E.EINVAL;
      const p = t.process;
      const m = p.memory;
      const set = readSet(t, setp) & ~UNBLOCKABLE;
      const ready = (t.pendingSignals | p.signals.pending) & set;
      if (ready) {
        let sig = 1;
        while (!(ready & (1n << BigInt(sig - 1)))) sig++;
        const info = takeSignal(t, sig);
        if (infop) writeSiginfo(m, infop, sig, info);
        return sig;
      }
      if (t.progress === TIMED_OUT) throw E.EAGAIN;
      let ms: number | undefined;
      if (tsp) {
        ms = Number(m.timespecNs(tsp)) / 1e6;
        if (ms === 0) throw E.EAGAIN;
      }
      t.sigwaitSet = set;
      const r = t.park();
      const timer = ms === undefined ? undefined : setTimeout(() => {
        if (!t.parked) return;
        t.progress = TIMED_OUT;
        t.wake();
      }, ms);
      t.parkCleanup = () => {
        if (timer) clearTimeout(timer);
        t.sigwaitSet = 0n;
      };
      return r;
    }),
  ];
}
