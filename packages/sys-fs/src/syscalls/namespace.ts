import { AT, E, full, S, type SyscallEntry, textEncoder, type Thread, UTIME } from '@kandelo/kernel-core';
import type { NamespaceOps } from '../vfs/namespace-ops.js';
import type { Vfs } from '../vfs/vfs.js';
import { pathAt, stepAt, stepOfFile } from './fs-args.js';

const NS_PER_S = 1_000_000_000n;

/** utimensat's two timespecs: undefined for UTIME_OMIT, `now` for UTIME_NOW or a NULL array. */
function readTimes(t: Thread, ptr: number, now: bigint): { atimeNs?: bigint; mtimeNs?: bigint; allNow: boolean } {
  if (ptr === 0) return { atimeNs: now, mtimeNs: now, allNow: true };
  const m = t.process.memory;
  const one = (at: number): bigint | undefined | 'now' => {
    const nsec = m.i32at(at + 8);
    if (nsec === UTIME.OMIT) return undefined;
    if (nsec === UTIME.NOW) return 'now';
    if (nsec < 0 || nsec >= 1_000_000_000) throw E.EINVAL;
    return m.i64(at) * NS_PER_S + BigInt(nsec);
  };
  const a = one(ptr);
  const b = one(ptr + 16);
  return {
    atimeNs: a === 'now' ? now : a, mtimeNs: b === 'now' ? now : b,
    allNow: (a === 'now' || a === undefined) && (b === 'now' || b === undefined),
  };
}

/** Names: mkdir, mknod, symlink, link, unlink, rename, readlink, access, chmod, chown, utimes, umask, chroot. */
export function namespaceSyscalls(vfs: Vfs, ns: NamespaceOps, now: () => bigint): SyscallEntry[] {
  const path = (t: Thread, dirfd: number, ptr: number) => pathAt(vfs, t, dirfd, ptr);
  const perm = (t: Thread, mode: number) => (mode & 0o7777) & ~t.process.umask;
  // An empty path names dirfd itself (an O_PATH descriptor of a symlink); Linux answers ENOENT
  // when that is not a symlink, AT_FDCWD (the cwd, a directory) included.
  const readlinkEmpty = (t: Thread, dirfd: number): string => {
    if (dirfd === AT.FDCWD) throw E.ENOENT;
    const s = stepOfFile(t.process.fds.get(dirfd));
    if ((s.node.stat().mode & S.IFMT) !== S.IFLNK) throw E.ENOENT;
    return ns.readlinkStep(t.process, s);
  };
  return [
    full('mkdirat', (t, dirfd, pathname, mode) => {
      ns.create(t.process, path(t, dirfd, pathname), S.IFDIR | (perm(t, mode) & 0o1777));
      return 0;
    }),
    full('mknodat', (t, dirfd, pathname, mode, dev) => {
      const type = mode & S.IFMT;
      if (type === S.IFDIR) throw E.EPERM;
      if (type === S.IFLNK) throw E.EINVAL;
      if (type !== 0 && type !== S.IFREG && type !== S.IFIFO && type !== S.IFSOCK && type !== S.IFCHR && type !== S.IFBLK) throw E.EINVAL;
      ns.create(t.process, path(t, dirfd, pathname), (type || S.IFREG) | perm(t, mode), { rdev: dev >>> 0 });
      return 0;
    }),
    full('symlinkat', (t, target, dirfd, linkpath) => {
      const text = t.process.memory.cstring(target);
      if (text === '') throw E.ENOENT;
      ns.create(t.process, path(t, dirfd, linkpath), S.IFLNK | 0o777, { target: text });
      return 0;
    }),
    full('linkat', (t, olddirfd, oldpath, newdirfd, newpath, flags) => {
      if (flags & ~(AT.SYMLINK_FOLLOW | AT.EMPTY_PATH)) throw E.EINVAL;
      const p = t.process;
      if (flags & AT.EMPTY_PATH && p.memory.cstring(oldpath) === '') {
        const src = stepOfFile(p.fds.get(olddirfd));
        const w = vfs.walk(p, path(t, newdirfd, newpath), 'parent');
        if (!w.last || w.last === '.' || w.last === '..') throw E.EEXIST;
        const dir = w.stack[w.stack.length - 1]!;
        if (vfs.child(dir, w.last, vfs.caller(p))) throw E.EEXIST;
        if (src.mnt !== dir.mnt) throw E.EXDEV;
        vfs.checkDirWrite(dir, vfs.caller(p));
        if (!dir.node.link) throw E.EPERM;
        dir.node.link(w.last, src.node);
        return 0;
      }
      ns.link(p, path(t, olddirfd, oldpath), path(t, newdirfd, newpath), (flags & AT.SYMLINK_FOLLOW) !== 0);
      return 0;
    }),
    full('unlinkat', (t, dirfd, pathname, flags) => {
      if (flags & ~AT.REMOVEDIR) throw E.EINVAL;
      ns.remove(t.process, path(t, dirfd, pathname), (flags & AT.REMOVEDIR) !== 0);
      return 0;
    }),
    full('renameat2', (t, olddirfd, oldpath, newdirfd, newpath, flags) => {
      ns.rename(t.process, path(t, olddirfd, oldpath), path(t, newdirfd, newpath), flags);
      return 0;
    }),
    full('renameat', (t, olddirfd, oldpath, newdirfd, newpath) => {
      ns.rename(t.process, path(t, olddirfd, oldpath), path(t, newdirfd, newpath), 0);
      return 0;
    }),
    full('readlinkat', (t, dirfd, pathname, buf, size) => {
      if ((size | 0) <= 0) throw E.EINVAL;
      const p = t.process;
      const name = p.memory.cstring(pathname);
      const text = name === '' ? readlinkEmpty(t, dirfd) : ns.readlink(p, path(t, dirfd, pathname));
      const bytes = textEncoder.encode(text);
      const n = Math.min(bytes.length, size >>> 0);
      p.memory.write(buf, bytes.subarray(0, n));
      return n;
    }),
    full('faccessat', (t, dirfd, pathname, mode) => {
      ns.access(t.process, path(t, dirfd, pathname), mode, true, false);
      return 0;
    }),
    full('faccessat2', (t, dirfd, pathname, mode, flags) => {
      if (flags & ~(AT.EACCESS | AT.SYMLINK_NOFOLLOW | AT.EMPTY_PATH)) throw E.EINVAL;
      const p = t.process;
      const abs = flags & AT.EMPTY_PATH && p.memory.cstring(pathname) === ''
        ? { from: dirfd === AT.FDCWD ? vfs.cwdStack(p) : vfs.placeOf(p.fds.get(dirfd)), path: '.' }
        : path(t, dirfd, pathname);
      ns.access(p, abs, mode, !(flags & AT.SYMLINK_NOFOLLOW), (flags & AT.EACCESS) !== 0);
      return 0;
    }),
    full('fchmod', (t, fd, mode) => {
      ns.chmod(t.process, stepOfFile(t.process.fds.get(fd)), mode);
      return 0;
    }),
    full('fchmodat', (t, dirfd, pathname, mode) => {
      ns.chmod(t.process, stepAt(vfs, t, dirfd, pathname, 0), mode);
      return 0;
    }),
    full('fchown', (t, fd, uid, gid) => {
      ns.chown(t.process, stepOfFile(t.process.fds.get(fd)), uid, gid);
      return 0;
    }),
    full('fchownat', (t, dirfd, pathname, uid, gid, flags) => {
      if (flags & ~(AT.SYMLINK_NOFOLLOW | AT.EMPTY_PATH)) throw E.EINVAL;
      ns.chown(t.process, stepAt(vfs, t, dirfd, pathname, flags), uid, gid);
      return 0;
    }),
    full('utimensat_time64', (t, dirfd, pathname, times, flags) => {
      if (flags & ~(AT.SYMLINK_NOFOLLOW | AT.EMPTY_PATH)) throw E.EINVAL;
      const step = pathname === 0 ? stepOfFile(t.process.fds.get(dirfd)) : stepAt(vfs, t, dirfd, pathname, flags);
      ns.utimes(t.process, step, readTimes(t, times, now()));
      return 0;
    }),
    full('umask', (t, mask) => {
      const old = t.process.umask;
      t.process.umask = mask & 0o777;
      return old;
    }),
    full('chroot', (t, pathname) => {
      ns.chroot(t.process, path(t, AT.FDCWD, pathname));
      return 0;
    }),
  ];
}
