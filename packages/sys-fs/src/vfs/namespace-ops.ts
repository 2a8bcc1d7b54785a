import { E, type Process, RENAME, S } from '@kandelo/kernel-core';
import type { Caller, Inode, SetAttr } from './inode.js';
import { nodeKey } from './mount.js';
import { type At, pathOf, type Step, top, type Walked } from './path-walk.js';
import { checkAccess, checkSticky, inGroup, MAY, ownsOrRoot } from './permission.js';
import type { Vfs } from './vfs.js';

const typeOf = (n: Inode): number => n.stat().mode & S.IFMT;
const isDir = (n: Inode): boolean => typeOf(n) === S.IFDIR;

/**
 * The namespace operations of the VFS (mkdir, mknod, symlink, link, unlink, rename, chmod,
 * chown, utimes, truncate, access), with Linux's argument checks and errnos; backends only
 * perform them.
 */
export class NamespaceOps {
  constructor(private readonly vfs: Vfs) {}

  /** The parent directory of `abs` and the last name, for calls that create or remove it. */
  private parent(p: Process, abs: At | string): Walked & { dir: Step; c: Caller } {
    const w = this.vfs.walk(p, abs, 'parent');
    return { ...w, dir: top(w.stack), c: this.vfs.caller(p) };
  }

  /** mkdirat/mknodat/symlinkat: `mode` carries the type and the permission bits (umask applied). */
  create(p: Process, abs: At | string, mode: number, extra: { rdev?: number; target?: string } = {}): Inode {
    const { last, dir, c, trailingSlash } = this.parent(p, abs);
    if (last === undefined || last === '.' || last === '..') throw E.EEXIST;
    const type = mode & S.IFMT;
    if (trailingSlash && type !== S.IFDIR) throw this.vfs.child(dir, last, c) ? E.EEXIST : E.ENOENT;
    if (this.vfs.child(dir, last, c)) throw E.EEXIST;
    if (last.length > 255) throw E.ENAMETOOLONG;
    this.vfs.checkDirWrite(dir, c);
    if ((type === S.IFCHR || type === S.IFBLK) && c.uid !== 0) throw E.EPERM;
    if (!dir.node.create) throw E.EPERM;
    return dir.node.create(last, { mode, rdev: extra.rdev, target: extra.target }, c);
  }

  /** unlinkat: `dir` for AT_REMOVEDIR. */
  remove(p: Process, abs: At | string, dir: boolean): void {
    const w = this.parent(p, abs);
    const { last, c } = w;
    if (last === undefined) throw E.EBUSY;
    if (last === '.') throw dir ? E.EINVAL : E.EISDIR;
    if (last === '..') throw dir ? E.ENOTEMPTY : E.EISDIR;
    const victim = this.vfs.child(w.dir, last, c);
    if (!victim) throw E.ENOENT;
    if (victim.mnt !== w.dir.mnt) throw E.EBUSY;
    if (dir && !isDir(victim.node)) throw E.ENOTDIR;
    if (!dir && isDir(victim.node)) throw E.EISDIR;
    if (!dir && w.trailingSlash) throw E.ENOTDIR;
    this.vfs.checkDirWrite(w.dir, c);
    checkSticky(w.dir.node.stat(), victim.node.stat(), c);
    if (!w.dir.node.unlink) throw E.EPERM;
    w.dir.node.unlink(last, dir);
  }

  link(p: Process, oldAbs: At | string, newAbs: At | string, follow: boolean): void {
    const src = this.vfs.lookup(p, oldAbs, follow);
    const w = this.parent(p, newAbs);
    if (w.last === undefined || w.last === '.' || w.last === '..') throw E.EEXIST;
    if (this.vfs.child(w.dir, w.last, w.c)) throw E.EEXIST;
    // A new name with a trailing slash must be a directory, which link never makes (Linux: ENOENT).
    if (w.trailingSlash) throw E.ENOENT;
    if (isDir(src.node)) throw E.EPERM;
    if (src.mnt !== w.dir.mnt) throw E.EXDEV;
    this.vfs.checkDirWrite(w.dir, w.c);
    if (!w.dir.node.link) throw E.EPERM;
    w.dir.node.link(w.last, src.node);
  }

  rename(p: Process, oldAbs: At | string, newAbs: At | string, flags: number): void {
    if (flags & ~(RENAME.NOREPLACE | RENAME.EXCHANGE) || (flags & RENAME.NOREPLACE && flags & RENAME.EXCHANGE)) throw E.EINVAL;
    const a = this.parent(p, oldAbs);
    const b = this.parent(p, newAbs);
    const c = a.c;
    const dots = (n: string | undefined) => n === undefined || n === '.' || n === '..';
    if (dots(a.last)) throw E.EBUSY;
    if (dots(b.last)) throw flags & RENAME.NOREPLACE ? E.EEXIST : E.EBUSY;
    const src = this.vfs.child(a.dir, a.last!, c);
    if (!src) throw E.ENOENT;
    const dst = this.vfs.child(b.dir, b.last!, c);
    if (src.mnt !== a.dir.mnt || (dst && dst.mnt !== b.dir.mnt)) throw E.EBUSY;
    if (a.dir.mnt !== b.dir.mnt) throw E.EXDEV;
    if (flags & RENAME.EXCHANGE && !dst) throw E.ENOENT;
    if (flags & RENAME.NOREPLACE && dst) throw E.EEXIST;
    if ((a.trailingSlash || b.trailingSlash) && !isDir(src.node)) throw E.ENOTDIR;
    // Moving a directory into itself or below it.
    const under = (anc: Step, stack: Step[]) => stack.some((s) => s.mnt === anc.mnt && nodeKey(s.node) === nodeKey(anc.node));
    if (isDir(src.node) && under(src, b.stack)) throw E.EINVAL;
    if (dst && flags & RENAME.EXCHANGE && isDir(dst.node) && under(dst, a.stack)) throw E.EINVAL;
    if (dst && nodeKey(dst.node) === nodeKey(src.node)) return; // same file: nothing to do (POSIX)
    if (dst && !(flags & RENAME.EXCHANGE)) {
      if (isDir(src.node) && !isDir(dst.node)) throw E.ENOTDIR;
      if (!isDir(src.node) && isDir(dst.node)) throw E.EISDIR;
      if (isDir(dst.node) && (dst.node.readdir?.(c).length ?? 0) > 0) throw E.ENOTEMPTY;
    }
    this.vfs.checkDirWrite(a.dir, c);
    this.vfs.checkDirWrite(b.dir, c);
    checkSticky(a.dir.node.stat(), src.node.stat(), c);
    if (dst) checkSticky(b.dir.node.stat(), dst.node.stat(), c);
    if (!a.dir.node.rename) throw E.EPERM;
    a.dir.node.rename(a.last!, b.dir.node, b.last!, (flags & RENAME.EXCHANGE) !== 0);
  }

  readlink(p: Process, abs: At | string): string {
    return this.readlinkStep(p, this.vfs.lookup(p, abs, false));
  }

  readlinkStep(p: Process, s: Step): string {
    if (typeOf(s.node) !== S.IFLNK || !s.node.readlink) throw E.EINVAL;
    return s.node.readlink(this.vfs.caller(p));
  }

  /** faccessat: `mode` is F_OK (0) or R/W/X_OK bits; `effective` uses euid (AT_EACCESS) else the real ids. */
  access(p: Process, abs: At | string, mode: number, follow: boolean, effective: boolean): void {
    if (mode & ~7) throw E.EINVAL;
    const s = this.vfs.lookup(p, abs, follow);
    if (mode === 0) return;
    const cr = p.creds;
    const c: Caller = effective ? this.vfs.caller(p) : { uid: cr.uid, gid: cr.gid, groups: cr.groups, process: p };
    if (mode & 2 && s.mnt.readonly && typeOf(s.node) !== S.IFCHR && typeOf(s.node) !== S.IFBLK && typeOf(s.node) !== S.IFIFO) throw E.EROFS;
    checkAccess(s.node.stat(), c, mode);
  }

  /** chmod on a node: owner or root; non-root loses S_ISGID on a file outside its groups. */
  chmod(p: Process, s: Step, mode: number): void {
    const c = this.vfs.caller(p);
    const st = s.node.stat();
    if (!ownsOrRoot(st, c)) throw E.EPERM;
    let m = mode & 0o7777;
    if (c.uid !== 0 && typeOf(s.node) !== S.IFDIR && !inGroup(c, st.gid)) m &= ~0o2000;
    this.setattr(s, { mode: m });
  }

  /** chown: only root changes the owner; the owner may change the group to one of its own. -1 keeps. */
  chown(p: Process, s: Step, uid: number, gid: number): void {
    const c = this.vfs.caller(p);
    const st = s.node.stat();
    const newUid = uid === -1 ? st.uid : uid >>> 0;
    const newGid = gid === -1 ? st.gid : gid >>> 0;
    if (c.uid !== 0) {
      if (newUid !== st.uid || st.uid !== c.uid || (newGid !== st.gid && !inGroup(c, newGid))) throw E.EPERM;
    }
    const a: SetAttr = { uid: newUid, gid: newGid };
    // A chown clears set-user-ID and (for group-executable files) set-group-ID, as Linux does.
    if (typeOf(s.node) !== S.IFDIR && (uid !== -1 || gid !== -1) && st.mode & 0o6000) {
      a.mode = st.mode & 0o7777 & ~(st.mode & 0o10 ? 0o6000 : 0o4000);
    }
    this.setattr(s, a);
  }

  /** utimensat: explicit times need ownership; "now" needs ownership or write permission. */
  utimes(p: Process, s: Step, times: { atimeNs?: bigint; mtimeNs?: bigint; allNow: boolean }): void {
    const c = this.vfs.caller(p);
    const st = s.node.stat();
    if (times.atimeNs === undefined && times.mtimeNs === undefined) return;
    if (!ownsOrRoot(st, c)) {
      if (!times.allNow) throw E.EPERM;
      checkAccess(st, c, MAY.WRITE);
    }
    const a: SetAttr = {};
    if (times.atimeNs !== undefined) a.atimeNs = times.atimeNs;
    if (times.mtimeNs !== undefined) a.mtimeNs = times.mtimeNs;
    this.setattr(s, a);
  }

  truncate(p: Process, s: Step, size: number): void {
    const t = typeOf(s.node);
    if (t === S.IFDIR) throw E.EISDIR;
    if (t !== S.IFREG) throw E.EINVAL;
    checkAccess(s.node.stat(), this.vfs.caller(p), MAY.WRITE);
    this.setattr(s, { size });
  }

  setattr(s: Step, a: SetAttr): void {
    if (s.mnt.readonly) throw E.EROFS;
    if (!s.node.setattr) throw E.EPERM;
    s.node.setattr(a);
  }

  /** chroot: root only; the new root must be a searchable directory. */
  chroot(p: Process, abs: At | string): void {
    if (p.creds.euid !== 0) throw E.EPERM;
    const w = this.vfs.walk(p, abs, 'follow');
    const s = top(w.stack);
    if (!isDir(s.node)) throw E.ENOTDIR;
    p.root = pathOf(w.stack);
  }
}
