import { E, S } from '@kandelo/kernel-core';
import type { Caller, DirEntry, Inode, NewNode } from '../vfs/inode.js';
import { dtype } from '../vfs/dtype.js';
import { initOwner } from '../vfs/permission.js';
import { MemFile } from './mem-file.js';
import type { MemFs } from './mem-fs.js';
import { MemNode, type NodeInit } from './mem-node.js';
import { MemDevice, MemSpecial } from './mem-special.js';
import { MemSymlink } from './mem-symlink.js';
import { checkName, checkTarget } from './names.js';

/** tmpfs's st_size per entry: a directory reports (entries + 2) * 20, "." and ".." included. */
export const BOGO_DIRENT_SIZE = 20;

/**
 * A directory: a Map from name to node. Map iteration follows insertion order, so readdir is
 * stable while entries come and go; a replaced entry (rename over it) keeps its place.
 * nlink is 2 + subdirectories (the entry in the parent, ".", and each child's ".."); it drops to
 * 0 when the directory is removed, and a removed directory accepts no new entries (ENOENT), as
 * in Linux where a process may still have it as its cwd.
 */
export class MemDir extends MemNode implements Inode {
  private readonly entries = new Map<string, MemNode>();
  /** Where ".." leads: kept for the rename loop check. The root is its own parent. */
  parent: MemDir;

  constructor(fs: MemFs, init: NodeInit, parent?: MemDir) {
    super(fs, init, 2);
    this.parent = parent ?? this;
  }

  protected override byteSize(): number {
    return (this.entries.size + 2) * BOGO_DIRENT_SIZE;
  }

  protected override resize(_size: number): void {
    throw E.EISDIR;
  }

  override dropLink(): void {
    // A directory has exactly one name; losing it leaves no links at all ("." went with it).
    this.nlink = 0;
    this.ctimeNs = this.fs.now();
    this.evict();
  }

  isEmpty(): boolean {
    return this.entries.size === 0;
  }

  lookup(name: string, _c: Caller): Inode | undefined {
    return this.entries.get(name);
  }

  readdir(_c: Caller): DirEntry[] {
    const list: DirEntry[] = [];
    for (const [name, node] of this.entries) list.push({ name, ino: node.ino, type: dtype(node.mode) });
    return list;
  }

  create(name: string, node: NewNode, c: Caller): Inode {
    if (this.nlink === 0) throw E.ENOENT;
    checkName(name);
    if (this.entries.has(name)) throw E.EEXIST;
    const child = this.make(node, c);
    this.entries.set(name, child);
    if (child instanceof MemDir) this.nlink++;
    this.touchModified();
    return child;
  }

  /** The new node, owned by the caller (see initOwner). */
  private make(node: NewNode, c: Caller): MemNode {
    const type = (node.mode & S.IFMT) || S.IFREG; // mknod with no type bits makes a regular file
    const init: NodeInit = initOwner(type, node.mode, this, c);
    switch (type) {
      case S.IFREG:
        return new MemFile(this.fs, init);
      case S.IFDIR:
        return new MemDir(this.fs, init, this);
      case S.IFLNK: {
        const target = node.target;
        if (target === undefined) throw E.EINVAL;
        checkTarget(target);
        // A symlink's permissions mean nothing; Linux always shows 0777.
        return new MemSymlink(this.fs, { ...init, mode: S.IFLNK | 0o777 }, target);
      }
      case S.IFIFO:
      case S.IFSOCK:
        return new MemSpecial(this.fs, init);
      case S.IFCHR:
      case S.IFBLK:
        return new MemDevice(this.fs, init, node.rdev ?? 0);
      default:
        throw E.EINVAL;
    }
  }

  link(name: string, target: Inode): void {
    if (!(target instanceof MemNode) || target.fs !== this.fs) throw E.EXDEV;
    if (target instanceof MemDir) throw E.EPERM;
    if (this.nlink === 0) throw E.ENOENT;
    checkName(name);
    if (this.entries.has(name)) throw E.EEXIST;
    // A fully unlinked inode cannot come back (no O_TMPFILE "linkable" state here).
    if (target.nlink === 0) throw E.ENOENT;
    this.entries.set(name, target);
    target.nlink++;
    target.touchChanged();
    this.touchModified();
  }

  unlink(name: string, dir: boolean): void {
    const node = this.entries.get(name);
    if (!node) throw E.ENOENT;
    if (dir) {
      if (!(node instanceof MemDir)) throw E.ENOTDIR;
      if (node.entries.size > 0) throw E.ENOTEMPTY;
    } else if (node instanceof MemDir) {
      throw E.EISDIR;
    }
    this.entries.delete(name);
    this.detach(node);
    this.touchModified();
  }

  rename(name: string, newDir: Inode, newName: string, exchange: boolean): void {
    if (!(newDir instanceof MemDir) || newDir.fs !== this.fs) throw E.EXDEV;
    const src = this.entries.get(name);
    if (!src) throw E.ENOENT;
    if (newDir.nlink === 0) throw E.ENOENT;
    checkName(newName);
    const dst = newDir.entries.get(newName);
    if (exchange && !dst) throw E.ENOENT;
    // The same entry, or two hard links of one inode: POSIX says rename does nothing.
    if (src === dst) return;
    // The VFS checks these too; they are cheap here, and a mistake would corrupt the tree.
    if (src instanceof MemDir && newDir.isWithin(src)) throw E.EINVAL;
    if (exchange) {
      if (dst instanceof MemDir && this.isWithin(dst)) throw E.EINVAL;
    } else if (dst) {
      if (src instanceof MemDir && !(dst instanceof MemDir)) throw E.ENOTDIR;
      if (!(src instanceof MemDir) && dst instanceof MemDir) throw E.EISDIR;
      if (dst instanceof MemDir && dst.entries.size > 0) throw E.ENOTEMPTY;
    }

    if (exchange) {
      const other = dst as MemNode;
      this.entries.set(name, other);
      newDir.entries.set(newName, src);
      if (this !== newDir) {
        if (src instanceof MemDir) this.moveSubdir(src, newDir);
        if (other instanceof MemDir) newDir.moveSubdir(other, this);
      }
      other.touchChanged();
    } else {
      this.entries.delete(name);
      if (dst) newDir.detach(dst);
      newDir.entries.set(newName, src);
      if (src instanceof MemDir && this !== newDir) this.moveSubdir(src, newDir);
    }
    src.touchChanged();
    this.touchModified();
    if (newDir !== this) newDir.touchModified();
  }

  /** Whether this directory is `dir` or lies below it (following ".." up to the root). */
  private isWithin(dir: MemDir): boolean {
    for (let d: MemDir = this; ; d = d.parent) {
      if (d === dir) return true;
      if (d.parent === d) return false;
    }
  }

  /** `sub`'s ".." now points at `to`: the link it contributed moves from this directory there. */
  private moveSubdir(sub: MemDir, to: MemDir): void {
    this.nlink--;
    to.nlink++;
    sub.parent = to;
  }

  /** Bookkeeping for an entry that is gone from this directory (its name already deleted or overwritten). */
  private detach(node: MemNode): void {
    if (node instanceof MemDir) this.nlink--;
    node.dropLink();
  }
}
