import { E, full, O, PARK, SEEK, type SyscallEntry } from '@kandelo/kernel-core';
import type { Vfs } from '../vfs/vfs.js';
import type { NamespaceOps } from '../vfs/namespace-ops.js';
import { arg64, pathAt, stepOfFile } from './fs-args.js';

const OPEN_FLAGS = O.ACCMODE | O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.APPEND | O.NONBLOCK | O.DSYNC | O.ASYNC |
  O.DIRECT | O.LARGEFILE | O.DIRECTORY | O.NOFOLLOW | O.NOATIME | O.CLOEXEC | O.SYNC | O.PATH | O.TMPFILE;
/** Linux caps file offsets at MAX_LFS_FILESIZE (2^63-1); we keep them exact doubles. */
const MAX_OFFSET = Number.MAX_SAFE_INTEGER;
let tmpSerial = 0;

/** openat, close, lseek, truncate, fsync family, fallocate, advice calls. */
export function openCloseSyscalls(vfs: Vfs, ns: NamespaceOps): SyscallEntry[] {
  return [
    full('openat', (t, dirfd, pathname, flags, mode) => {
      // Linux's open drops the bits it does not know (dd passes its private flags along); openat2
      // is the call that refuses them.
      flags &= OPEN_FLAGS;
      // Linux 6.4+: O_CREAT|O_DIRECTORY is EINVAL, nothing created (O_TMPFILE carries no O_CREAT).
      if ((flags & (O.CREAT | O.DIRECTORY)) === (O.CREAT | O.DIRECTORY)) throw E.EINVAL;
      const p = t.process;
      const perm = (mode & 0o7777) & ~p.umask;
      if ((flags & O.TMPFILE) === O.TMPFILE) {
        // An unnamed file in the directory: made under a private name and unlinked at once.
        if ((flags & O.ACCMODE) === O.RDONLY) throw E.EINVAL;
        const dir = pathAt(vfs, t, dirfd, pathname);
        const name = { from: dir.from, path: `${dir.path}/.#tmpfile-${p.pid}-${++tmpSerial}` };
        const f = vfs.openAs(p, t, name, (flags & ~O.TMPFILE) | O.CREAT | O.EXCL, perm);
        if (f === PARK) return PARK;
        ns.remove(p, name, false);
        return p.fds.alloc(f, (flags & O.CLOEXEC) !== 0);
      }
      if ((flags & O.ACCMODE) === O.ACCMODE && !(flags & O.PATH)) throw E.EINVAL;
      const f = vfs.openAs(p, t, pathAt(vfs, t, dirfd, pathname), flags, perm);
      if (f === PARK) return PARK;
      return p.fds.alloc(f, (flags & O.CLOEXEC) !== 0);
    }),
    full('close', (t, fd) => {
      t.process.fds.close(fd);
      return 0;
    }),
    full('_llseek', (t, fd, hi, lo, result, whence) => {
      const f = t.process.fds.get(fd);
      if (!f.ops.seekable) throw E.ESPIPE;
      const off = hi * 0x1_0000_0000 + (lo >>> 0);
      let base: number;
      const size = () => f.ops.stat(f).size;
      if (whence === SEEK.SET) base = 0;
      else if (whence === SEEK.CUR) base = f.offset;
      else if (whence === SEEK.END) base = size();
      else if (whence === SEEK.DATA || whence === SEEK.HOLE) {
        // No holes are tracked: all data up to the size, one hole at the end.
        if (off < 0 || off >= size()) throw E.ENXIO;
        base = 0;
        if (whence === SEEK.HOLE) {
          t.process.memory.setI64(result, size());
          f.offset = size();
          return 0;
        }
      } else throw E.EINVAL;
      const pos = base + off;
      if (pos < 0 || pos > MAX_OFFSET) throw E.EINVAL;
      t.process.memory.setI64(result, pos);
      f.offset = pos;
      return 0;
    }),
    full('truncate64', (t, pathname, lo, hi) => {
      const len = arg64(lo, hi);
      if (hi < 0) throw E.EINVAL;
      ns.truncate(t.process, vfs.lookup(t.process, pathAt(vfs, t, -100, pathname), true), len);
      return 0;
    }),
    full('ftruncate64', (t, fd, lo, hi) => {
      if (hi < 0) throw E.EINVAL;
      const f = t.process.fds.get(fd);
      if ((f.flags & O.ACCMODE) === O.RDONLY || f.flags & O.PATH) throw E.EINVAL;
      if (!f.ops.truncate) throw E.EINVAL;
      const s = stepOfFile(f);
      if (s.mnt.readonly) throw E.EROFS;
      f.ops.truncate(f, arg64(lo, hi));
      return 0;
    }),
    full('fallocate', (t, fd, mode, offLo, offHi, lenLo, lenHi) => {
      const f = t.process.fds.get(fd);
      const off = arg64(offLo, offHi);
      const len = arg64(lenLo, lenHi);
      if (offHi < 0 || lenHi < 0 || len === 0) throw E.EINVAL;
      if ((f.flags & O.ACCMODE) === O.RDONLY) throw E.EBADF;
      if (mode !== 0 && mode !== 1 /* FALLOC_FL_KEEP_SIZE */) throw E.EOPNOTSUPP;
      if (!f.ops.truncate || !f.ops.seekable) throw E.ESPIPE;
      if (f.ops.stat(f).mode >> 12 === 4) throw E.EISDIR;
      // Space is not reserved ahead (memory grows on write); only the size is extended.
      if (mode === 0 && off + len > f.ops.stat(f).size) f.ops.truncate(f, off + len);
      return 0;
    }),
    full('fsync', (t, fd) => {
      const f = t.process.fds.get(fd);
      f.ops.sync?.(f);
      return 0;
    }),
    full('fdatasync', (t, fd) => {
      const f = t.process.fds.get(fd);
      f.ops.sync?.(f);
      return 0;
    }),
    full('sync', () => 0),
    full('syncfs', (t, fd) => {
      t.process.fds.get(fd);
      return 0;
    }),
    full('readahead', (t, fd) => {
      const f = t.process.fds.get(fd);
      if (!f.ops.seekable) throw E.EINVAL;
      return 0;
    }),
    full('fadvise64_64', (t, fd, _ol, _oh, _ll, lenHi, advice) => {
      const f = t.process.fds.get(fd);
      if (!f.ops.seekable) throw E.ESPIPE;
      if (advice < 0 || advice > 5 || lenHi < 0) throw E.EINVAL;
      return 0;
    }),
  ];
}
