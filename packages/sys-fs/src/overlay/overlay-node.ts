import { E, type FileStat, O, S } from '@kandelo/kernel-core';
import type { Caller, Inode, OpenResult, SetAttr } from '../vfs/inode.js';
import { copyUp } from './copy-up.js';
import { FollowingHandle } from './overlay-handle.js';
import type { OverlayDir } from './overlay-dir.js';
import type { OverlayFs } from './overlay-fs.js';

/**
 * A node of the merged tree: its upper node, its lower node, or (a directory present in both)
 * both. The object stays the same across copy-up, which only fills in `upper`, so anything
 * holding it (a cwd, an open file) sees the copy. `parent` and `name` say where a copy-up goes:
 * the name it was reached by (a lower file with two hard links is copied up under one of them
 * and the links part, as in Linux without index=on).
 */
export abstract class OverlayNode implements Inode {
  /** No longer has a name in the overlay (unlinked, or replaced by a rename). */
  unlinked = false;

  constructor(
    readonly fs: OverlayFs,
    public parent: OverlayDir | undefined,
    public name: string,
    public upper: Inode | undefined,
    /** Lower node: for a directory only while it is merged (never for an opaque one). */
    readonly lower: Inode | undefined,
    /** The lower ino when there is a lower node or a copy-up origin, else an upper-range number. */
    readonly ino: number,
  ) {}

  /** The node that answers: the upper one once it exists. */
  get real(): Inode {
    return (this.upper ?? this.lower)!;
  }

  /** The answering layer's version: a copy-up changes the layer, so the key changes with it. */
  contentVersion(): string | undefined {
    const v = this.real.contentVersion?.();
    return v === undefined ? undefined : `${this.upper ? `u${this.upper.ino}.` : 'l'}${v}`;
  }

  stat(): FileStat {
    const st = this.real.stat();
    // A merged directory's link count is unknown without listing both layers; 1 tells find(1)
    // not to count on it, which is what Linux's overlayfs reports too.
    const nlink = this.upper && this.lower && (st.mode & S.IFMT) === S.IFDIR ? 1 : st.nlink;
    return { ...st, dev: this.fs.dev, ino: this.ino, nlink };
  }

  setattr(a: SetAttr): void {
    // Truncating to zero needs no copy of the data that would be cut off.
    const u = copyUp(this, a.size !== 0);
    if (!u.setattr) throw E.EPERM;
    u.setattr(a);
  }

  /** Called by copyUp once `upper` is set. */
  copiedUp(): void {}
}

export class OverlayFile extends OverlayNode {
  /** Read-only handles opened on the lower file, to move to the copy when it is made. */
  private readonly followers = new Set<FollowingHandle>();

  open(flags: number, c: Caller): OpenResult {
    const writes = (flags & O.ACCMODE) !== O.RDONLY || (flags & O.TRUNC) !== 0;
    if (writes || this.upper) {
      const u = copyUp(this, !(flags & O.TRUNC));
      if (!u.open) throw E.ENXIO;
      return u.open(flags, c);
    }
    const r = this.lower!.open?.(flags, c);
    if (!r) throw E.ENXIO;
    if (!('handle' in r)) return r;
    const h = new FollowingHandle(r.handle, (x) => this.followers.delete(x));
    this.followers.add(h);
    return { handle: h };
  }

  override copiedUp(): void {
    for (const h of this.followers) h.follow(this.upper!);
  }
}

export class OverlaySymlink extends OverlayNode {
  readlink(c: Caller): string {
    const r = this.real;
    if (!r.readlink) throw E.EINVAL;
    return r.readlink(c);
  }
}

/** Devices, FIFOs, sockets: opened where they live, never copied up for it (Linux neither). */
export class OverlaySpecial extends OverlayNode {
  open(flags: number, c: Caller): OpenResult {
    const r = this.real;
    if (!r.open) throw E.ENXIO;
    return r.open(flags, c);
  }
}
