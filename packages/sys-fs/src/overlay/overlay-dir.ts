import { E, S } from '@kandelo/kernel-core';
import type { Caller, DirEntry, Inode, NewNode } from '../vfs/inode.js';
import { copyUp, KERNEL_CALLER as K } from './copy-up.js';
import { OverlayNode } from './overlay-node.js';

const DT_DIR = 4;
const isDir = (n: Inode): boolean => (n.stat().mode & S.IFMT) === S.IFDIR;

/**
 * A directory of the merged tree. Lookup prefers the upper entry, then the lower one unless a
 * whiteout deletes it; only directories merge (an upper file hides the lower one outright), and
 * an opaque upper directory hides its lower namesake. Any change copies this directory up first.
 * Children found are cached by name, so a name keeps its node object (and copy-up state) for as
 * long as it exists; every change of the namespace goes through here and updates the cache.
 */
export class OverlayDir extends OverlayNode {
  private readonly children = new Map<string, OverlayNode>();

  lookup(name: string, _c: Caller): Inode | undefined {
    return this.child(name);
  }

  private child(name: string): OverlayNode | undefined {
    if (this.unlinked) return undefined;
    let n = this.children.get(name);
    if (!n) {
      n = this.resolve(name);
      if (n) this.children.set(name, n);
    }
    return n;
  }

  private resolve(name: string): OverlayNode | undefined {
    const meta = this.fs.meta;
    const u = this.upper?.lookup?.(name, K);
    if (u) {
      const l = isDir(u) && !meta.isOpaque(u.ino) ? this.lowerDir(name) : undefined;
      return this.fs.makeNode(this, name, u, l);
    }
    if (this.upper && meta.isWhiteout(this.upper.ino, name)) return undefined;
    const l = this.lower?.lookup?.(name, K);
    return l && this.fs.makeNode(this, name, undefined, l);
  }

  /** The lower directory `name` merges with, if any. */
  private lowerDir(name: string): Inode | undefined {
    const l = this.lower?.lookup?.(name, K);
    return l && isDir(l) ? l : undefined;
  }

  /** Whether the lower layer has `name` here (whiteouts aside): removing it needs a whiteout. */
  private lowerHas(name: string): boolean {
    return this.lower?.lookup?.(name, K) !== undefined;
  }

  readdir(c: Caller): DirEntry[] {
    if (this.unlinked) return [];
    const out: DirEntry[] = [];
    const shown = new Set<string>();
    if (this.upper) {
      for (const e of this.upper.readdir?.(c) ?? []) {
        shown.add(e.name);
        out.push({ name: e.name, type: e.type, ino: this.upperEntryIno(e) });
      }
    }
    if (this.lower) {
      const gone = this.upper && this.fs.meta.whiteoutsOf(this.upper.ino);
      for (const e of this.lower.readdir?.(c) ?? []) if (!shown.has(e.name) && !gone?.has(e.name)) out.push(e);
    }
    return out;
  }

  /** The ino lookup would give an upper entry, without making its node. */
  private upperEntryIno(e: DirEntry): number {
    const cached = this.children.get(e.name);
    if (cached) return cached.ino;
    if (e.type === DT_DIR && !this.fs.meta.isOpaque(e.ino)) {
      const l = this.lowerDir(e.name);
      if (l) return l.ino;
    }
    return this.fs.meta.inoOf(e.ino);
  }

  create(name: string, node: NewNode, c: Caller): Inode {
    if (this.unlinked) throw E.ENOENT;
    if (this.child(name)) throw E.EEXIST;
    const up = copyUp(this);
    if (!up.create) throw E.EPERM;
    const u = up.create(name, node, c);
    this.enter(up, name, u);
    const n = this.fs.makeNode(this, name, u, undefined);
    this.children.set(name, n);
    return n;
  }

  link(name: string, target: Inode): void {
    if (!(target instanceof OverlayNode) || target.fs !== this.fs) throw E.EXDEV;
    if (this.unlinked) throw E.ENOENT;
    if (this.child(name)) throw E.EEXIST;
    const t = copyUp(target);
    const up = copyUp(this);
    if (!up.link) throw E.EPERM;
    up.link(name, t);
    this.enter(up, name, t);
  }

  unlink(name: string, dir: boolean): void {
    const n = this.child(name);
    if (!n) throw E.ENOENT;
    if (dir !== n instanceof OverlayDir) throw dir ? E.ENOTDIR : E.EISDIR;
    // The merged view must be empty; then the upper directory is too (whiteouts are not entries).
    if (n instanceof OverlayDir && n.readdir(K).length > 0) throw E.ENOTEMPTY;
    const up = copyUp(this);
    if (n.upper) {
      if (!up.unlink) throw E.EPERM;
      up.unlink(name, dir);
      this.gone(n.upper);
    }
    if (this.lowerHas(name)) {
      this.fs.meta.addWhiteout(up.ino, name);
      // Nothing happened in the upper directory, yet its contents changed.
      if (!n.upper) up.setattr?.({ mtimeNs: this.fs.now() });
    }
    this.forget(name);
  }

  rename(name: string, newDir: Inode, newName: string, exchange: boolean): void {
    if (!(newDir instanceof OverlayDir) || newDir.fs !== this.fs) throw E.EXDEV;
    if (this.unlinked || newDir.unlinked) throw E.ENOENT;
    const src = this.child(name);
    if (!src) throw E.ENOENT;
    const dst = newDir.child(newName);
    if (exchange && !dst) throw E.ENOENT;
    if (src === dst) return;
    // A directory with a lower part cannot move: its lower entries would have to follow. Linux
    // without redirect_dir answers EXDEV, and mv falls back to copying.
    if ((src instanceof OverlayDir && src.lower) || (exchange && dst instanceof OverlayDir && dst.lower)) throw E.EXDEV;
    if (dst && !exchange) {
      if (src instanceof OverlayDir !== dst instanceof OverlayDir) throw src instanceof OverlayDir ? E.ENOTDIR : E.EISDIR;
      if (dst instanceof OverlayDir && dst.readdir(K).length > 0) throw E.ENOTEMPTY;
    }
    const s = copyUp(src);
    if (exchange) copyUp(dst!);
    const from = copyUp(this);
    const to = copyUp(newDir);
    if (!from.rename) throw E.EPERM;
    const srcHadLower = this.lowerHas(name);
    const dstHadLower = newDir.lowerHas(newName);
    const replaced = !exchange ? dst?.upper : undefined;
    from.rename(name, to, newName, exchange);

    const meta = this.fs.meta;
    if (replaced) this.gone(replaced);
    // A directory arriving where the lower layer has that name must not merge with it.
    if (src instanceof OverlayDir && dstHadLower) meta.setOpaque(s.ino);
    if (exchange) {
      if (dst instanceof OverlayDir && srcHadLower) meta.setOpaque(dst.upper!.ino);
      this.children.set(name, dst!);
      dst!.parent = this;
      dst!.name = name;
    } else {
      meta.clearWhiteout(to.ino, newName);
      if (srcHadLower) meta.addWhiteout(from.ino, name);
      this.children.delete(name);
      if (dst) newDir.forget(newName);
    }
    newDir.children.set(newName, src);
    src.parent = newDir;
    src.name = newName;
  }

  /** A new upper entry `name` -> `u`: it replaces any whiteout, and a new directory over a lower name is opaque. */
  private enter(up: Inode, name: string, u: Inode): void {
    const meta = this.fs.meta;
    if (isDir(u) && this.lowerHas(name)) meta.setOpaque(u.ino);
    meta.clearWhiteout(up.ino, name);
  }

  /** An upper inode lost a name: if it has none left, its number may come back for another file. */
  private gone(u: Inode): void {
    if (isDir(u) || u.stat().nlink === 0) this.fs.meta.forget(u.ino);
  }

  /** Drops the cached child `name`, which no longer exists. */
  private forget(name: string): void {
    const n = this.children.get(name);
    if (!n) return;
    this.children.delete(name);
    n.unlinked = true;
    if (n instanceof OverlayDir) n.children.clear();
  }
}
