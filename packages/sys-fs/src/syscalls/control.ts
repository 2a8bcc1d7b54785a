import { E, F, FD_CLOEXEC, full, IOCTL, O, type OpenFile, partial, type SyscallEntry } from '@kandelo/kernel-core';
import { pipeOf } from '../files/pipe-file.js';
import { fcntlLock, type LockManager } from '../locks/index.js';
import type { Pipe } from '../files/pipe.js';

const SETFL_MASK = O.APPEND | O.NONBLOCK | O.ASYNC | O.DIRECT | O.NOATIME;

/** The pipe for F_GETPIPE_SZ/F_SETPIPE_SZ; Linux says EBADF for any other file. */
function pipeFor(f: OpenFile): Pipe {
  const p = pipeOf(f);
  if (!p) throw E.EBADF;
  return p;
}

/** ioctl, fcntl, dup family. */
export function controlSyscalls(locks: LockManager): SyscallEntry[] {
  return [
    partial('ioctl', (t, fd, req, arg) => {
      const f = t.process.fds.get(fd);
      switch (req >>> 0) {
        case IOCTL.FIOCLEX: t.process.fds.setCloexec(fd, true); return 0;
        case IOCTL.FIONCLEX: t.process.fds.setCloexec(fd, false); return 0;
        case IOCTL.FIONBIO: {
          if (t.process.memory.i32at(arg)) f.flags |= O.NONBLOCK;
          else f.flags &= ~O.NONBLOCK;
          return 0;
        }
      }
      if (!f.ops.ioctl) throw E.ENOTTY;
      return f.ops.ioctl(f, t, req >>> 0, arg);
    }, 'FIOCLEX/FIONCLEX/FIONBIO, TIOCGWINSZ on the console; the rest per file type'),
    partial('fcntl64', (t, fd, cmd, arg) => {
      const fds = t.process.fds;
      const f = fds.get(fd);
      // F_DUPFD*: the lowest descriptor must be a valid one (Linux: EINVAL, before any reference is taken).
      if ((cmd === F.DUPFD || cmd === F.DUPFD_CLOEXEC) && (arg < 0 || arg >= fds.limit)) throw E.EINVAL;
      switch (cmd) {
        case F.DUPFD: return fds.alloc(f.ref(), false, arg);
        case F.DUPFD_CLOEXEC: return fds.alloc(f.ref(), true, arg);
        case F.GETFD: return fds.getCloexec(fd) ? FD_CLOEXEC : 0;
        case F.SETFD: fds.setCloexec(fd, (arg & FD_CLOEXEC) !== 0); return 0;
        case F.GETFL: return f.flags;
        case F.SETFL: f.flags = (f.flags & ~SETFL_MASK) | (arg & SETFL_MASK); return 0;
        case F.GETPIPE_SZ: return pipeFor(f).capacity;
        case F.SETPIPE_SZ: return pipeFor(f).setCapacity(arg >>> 0);
        case F.GETLK: case F.SETLK: case F.SETLKW: case F.OFD_GETLK: case F.OFD_SETLK: case F.OFD_SETLKW:
          return fcntlLock(locks, t, f, cmd, arg);
        case F.SETOWN: return 0;
        case F.GETOWN: return 0;
        default: throw E.EINVAL;
      }
    }, 'descriptor and status flags, pipe sizes, record and OFD locks; F_SETOWN is accepted but SIGIO is never sent'),
    full('dup', (t, fd) => t.process.fds.alloc(t.process.fds.get(fd).ref())),
    full('dup3', (t, oldfd, newfd, flags) => {
      const fds = t.process.fds;
      if (flags & ~O.CLOEXEC || oldfd === newfd) throw E.EINVAL;
      const f = fds.get(oldfd);
      if (newfd < 0 || newfd >= fds.limit) throw E.EBADF;
      fds.set(newfd, f.ref(), (flags & O.CLOEXEC) !== 0);
      return newfd;
    }),
  ];
}
