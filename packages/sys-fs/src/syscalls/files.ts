import { AT, E, type FileStat, full, O, partial, SEEK, type SyscallEntry, type Thread } from '@kandelo/kernel-core';

/** statx's AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC: sync hints, meaningless here. */
const AT_STATX_SYNC_TYPE = 0x6000;
import type { Vfs } from '../vfs/vfs.js';
import { writeKstat, writeStatx } from './stat-write.js';

const OPEN_FLAGS = O.ACCMODE | O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.APPEND | O.NONBLOCK | O.DSYNC | O.ASYNC |
  O.DIRECT | O.LARGEFILE | O.DIRECTORY | O.NOFOLLOW | O.NOATIME | O.CLOEXEC | O.SYNC | O.PATH;

/** openat, close, lseek, stat family, unlinkat. */
export function fileSyscalls(vfs: Vfs): SyscallEntry[] {
  const path = (t: Thread, dirfd: number, ptr: number) => vfs.resolveAt(t.process, dirfd, t.process.memory.cstring(ptr));
  /** The stat of `pathname` relative to `dirfd`, or of `dirfd` itself with AT_EMPTY_PATH and "". */
  const statAt = (t: Thread, dirfd: number, pathname: number, flags: number): FileStat => {
    if (flags & ~(AT.SYMLINK_NOFOLLOW | AT.EMPTY_PATH | AT.NO_AUTOMOUNT | AT_STATX_SYNC_TYPE)) throw E.EINVAL;
    const p = t.process.memory.cstring(pathname);
    if (p === '' && flags & AT.EMPTY_PATH) {
      if (dirfd === AT.FDCWD) return vfs.stat(t.process.cwd, true);
      const f = t.process.fds.get(dirfd);
      return f.ops.stat(f);
    }
    return vfs.stat(vfs.resolveAt(t.process, dirfd, p), !(flags & AT.SYMLINK_NOFOLLOW));
  };
  return [
    partial('openat', (t, dirfd, pathname, flags, mode) => {
      if (flags & ~OPEN_FLAGS || (flags & O.ACCMODE) === O.ACCMODE) throw E.EINVAL;
      if ((flags & O.TMPFILE) === O.TMPFILE) throw E.EOPNOTSUPP;
      const abs = path(t, dirfd, pathname);
      const f = vfs.open(abs, flags, (mode & 0o7777) & ~t.process.umask);
      return t.process.fds.alloc(f, (flags & O.CLOEXEC) !== 0);
    }, 'host mounts only until the full VFS; O_TMPFILE unsupported'),
    full('close', (t, fd) => {
      t.process.fds.close(fd);
      return 0;
    }),
    full('_llseek', (t, fd, hi, lo, result, whence) => {
      const f = t.process.fds.get(fd);
      if (!f.ops.seekable) throw E.ESPIPE;
      const off = hi * 0x1_0000_0000 + (lo >>> 0);
      let base: number;
      if (whence === SEEK.SET) base = 0;
      else if (whence === SEEK.CUR) base = f.offset;
      else if (whence === SEEK.END) base = f.ops.stat(f).size;
      else throw E.EINVAL;
      const pos = base + off;
      if (pos < 0) throw E.EINVAL;
      t.process.memory.setI64(result, pos);
      f.offset = pos;
      return 0;
    }),
    full('fstat64', (t, fd, buf) => {
      const f = t.process.fds.get(fd);
      writeKstat(t, buf, f.ops.stat(f));
      return 0;
    }),
    full('fstatat64', (t, dirfd, pathname, buf, flags) => {
      writeKstat(t, buf, statAt(t, dirfd, pathname, flags));
      return 0;
    }),
    full('statx', (t, dirfd, pathname, flags, _mask, buf) => {
      writeStatx(t, buf, statAt(t, dirfd, pathname, flags));
      return 0;
    }),
    full('unlinkat', (t, dirfd, pathname, flags) => {
      if (flags & ~AT.REMOVEDIR) throw E.EINVAL;
      vfs.unlink(path(t, dirfd, pathname), (flags & AT.REMOVEDIR) !== 0);
      return 0;
    }),
    full('mkdirat', (t, dirfd, pathname, mode) => {
      vfs.mkdir(path(t, dirfd, pathname), (mode & 0o7777) & ~t.process.umask);
      return 0;
    }),
    full('readlinkat', (t, dirfd, pathname, buf, size) => {
      if ((size | 0) <= 0) throw E.EINVAL;
      const target = new TextEncoder().encode(vfs.readlink(path(t, dirfd, pathname)));
      const n = Math.min(target.length, size >>> 0);
      t.process.memory.write(buf, target.subarray(0, n));
      return n;
    }),
    partial('faccessat', (t, dirfd, pathname) => {
      vfs.stat(path(t, dirfd, pathname), true);
      return 0;
    }, 'existence is checked; permission bits are enforced from the filesystem issue on'),
    full('umask', (t, mask) => {
      const old = t.process.umask;
      t.process.umask = mask & 0o777;
      return old;
    }),
  ];
}
