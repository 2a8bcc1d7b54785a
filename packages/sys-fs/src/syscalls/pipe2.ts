import { E, full, O, partial, type SyscallEntry } from '@kandelo/kernel-core';
import type { PipeFs } from '../files/pipe-fs.js';

/** O_NOTIFICATION_PIPE (== O_EXCL): a watch-queue pipe. */
const O_NOTIFICATION_PIPE = O.EXCL;

/** pipe2 (musl's pipe() is pipe2(fds, 0)). */
export function pipeSyscalls(pipes: PipeFs): SyscallEntry[] {
  return [
    partial('pipe2', (t, fds, flags) => {
      if (flags & ~(O.CLOEXEC | O.NONBLOCK | O.DIRECT | O_NOTIFICATION_PIPE)) throw E.EINVAL;
      // Packet mode is not implemented: answer as a kernel without it did (before 3.4), which
      // callers handle, rather than accept the flag and silently stream.
      if (flags & O.DIRECT) throw E.EINVAL;
      // A kernel built without CONFIG_WATCH_QUEUE says ENOPKG.
      if (flags & O_NOTIFICATION_PIPE) throw E.ENOPKG;
      // Check the result array before anything is allocated, so a bad pointer leaks no fds.
      // Page 0 is a fault too, as in Linux (here it would be the far end of the stack).
      const m = t.process.memory;
      if ((fds >>> 0) < 4096) throw E.EFAULT;
      m.check(fds, 8);
      const [r, w] = pipes.create(t, (flags & O.NONBLOCK) !== 0);
      const table = t.process.fds;
      const cloexec = (flags & O.CLOEXEC) !== 0;
      let rfd: number;
      // A failed alloc has dropped the end it was given.
      try {
        rfd = table.alloc(r, cloexec);
      } catch (err) {
        w.unref();
        throw err;
      }
      let wfd: number;
      try {
        wfd = table.alloc(w, cloexec);
      } catch (err) {
        table.close(rfd);
        throw err;
      }
      m.setI32(fds, rfd);
      m.setI32(fds + 4, wfd);
      return 0;
    }, 'O_DIRECT (packet mode) gives EINVAL, as before Linux 3.4; O_NOTIFICATION_PIPE gives ENOPKG'),
    full('kandelo_io_kick', (_t, ring) => {
      pipes.kick(ring);
      return 0;
    }, "made by the glue when its worker moved pipe bytes the kernel's waiters must hear of"),
  ];
}
