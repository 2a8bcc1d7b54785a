import {
  E, full, type Kernel, mapAnonymous, CHANNEL, partial, type SyscallEntry, unimplemented,
} from '@kandelo/kernel-core';

const CLONE = {
  VM: 0x100, FS: 0x200, FILES: 0x400, SIGHAND: 0x800, THREAD: 0x10000, SETTLS: 0x80000,
  PARENT_SETTID: 0x100000, CHILD_CLEARTID: 0x200000, CHILD_SETTID: 0x1000000,
} as const;
const THREAD_FLAGS = CLONE.VM | CLONE.FS | CLONE.FILES | CLONE.SIGHAND | CLONE.THREAD;

/** kandelo_fork (the Asyncify fork path) and clone for threads. */
export function forkCloneSyscalls(kernel: Kernel): SyscallEntry[] {
  return [
    full('kandelo_fork', (t, buf, sp, tls, from) => {
      if (from !== 0 && from !== 1) throw E.EINVAL;
      return kernel.fork(t, buf >>> 0, sp >>> 0, tls >>> 0, from === 0 ? 'main' : 'thread').pid;
    }),
    partial('clone', (t, flags, stack, ptid, tls, ctid) => {
      // A new process needs the caller's wasm stack unwound first: fork() does that through the
      // kandelo.fork import and kandelo_fork; a raw clone cannot.
      if ((flags & THREAD_FLAGS) !== THREAD_FLAGS) throw E.ENOSYS;
      if (!stack) throw E.EINVAL;
      const p = t.process;
      const tid = kernel.processes.allocId();
      let channel: number;
      try {
        channel = mapAnonymous(p, CHANNEL.SIZE, '[channel]');
      } catch (err) {
        kernel.processes.releaseId(tid);
        throw err;
      }
      const m = p.memory;
      if (flags & CLONE.PARENT_SETTID) m.setI32(ptid, tid);
      if (flags & CLONE.CHILD_SETTID) m.setI32(ctid, tid);
      const th = kernel.startThread(p, tid, channel, { kind: 'thread', tp: flags & CLONE.SETTLS ? tls >>> 0 : 0, stack: stack >>> 0 });
      th.sigmask = t.sigmask;
      th.comm = t.comm;
      if (flags & CLONE.CHILD_CLEARTID) th.clearChildTid = ctid >>> 0;
      return tid;
    }, 'threads (CLONE_VM|CLONE_THREAD...) only; processes come from fork() (Asyncify) or posix_spawn'),
    unimplemented('clone3', 'musl does not use it; threads go through clone'),
  ];
}
