import { S } from '@kandelo/kernel-core';
import type { FileSystem, FsStats, Inode } from '../vfs/inode.js';
import { OverlayDir } from './overlay-dir.js';
import { OverlayMeta } from './overlay-meta.js';
import { OverlayFile, type OverlayNode, OverlaySpecial, OverlaySymlink } from './overlay-node.js';

/** statfs f_type of Linux's overlayfs. */
export const OVERLAYFS_SUPER_MAGIC = 0x794c7630;

export interface OverlayFsOptions {
  /** st_dev of every node (from Vfs.allocDev()). */
  dev: number;
  /** Realtime clock in nanoseconds (the directory time of a deletion that only adds a whiteout). */
  now?: () => bigint;
}

/**
 * A writable view of a read-only `lower` filesystem (typically an ImageFs) through a writable
 * `upper` one (typically a fresh memfs): Linux's overlayfs, in memory. Lower is never written;
 * a change to a lower node copies it up first. Both layers are used only through the Inode
 * contract, and lower must not change while mounted.
 *
 * Inode numbers: a node with a lower origin keeps the lower ino (also after copy-up); an
 * upper-only node shows UPPER_INO_BASE + its upper ino. Lower inos must be below 2^40.
 * Whiteouts, opaque directories and copy-up origins live in memory (see OverlayMeta).
 */
export class OverlayFs implements FileSystem {
  readonly type = 'overlay';
  readonly dev: number;
  readonly readonly: boolean;
  readonly root: OverlayDir;
  readonly now: () => bigint;
  /** @internal */
  readonly meta = new OverlayMeta();

  constructor(
    readonly lower: FileSystem,
    readonly upper: FileSystem,
    opts: OverlayFsOptions,
  ) {
    this.dev = opts.dev;
    this.now = opts.now ?? (() => BigInt(Date.now()) * 1_000_000n);
    this.readonly = upper.readonly;
    if ((upper.root.stat().mode & S.IFMT) !== S.IFDIR || (lower.root.stat().mode & S.IFMT) !== S.IFDIR) {
      throw new Error('overlay: both layers need a directory root');
    }
    this.root = new OverlayDir(this, undefined, '', upper.root, lower.root, lower.root.ino);
  }

  statfs(): FsStats {
    return { ...this.upper.statfs(), magic: OVERLAYFS_SUPER_MAGIC };
  }

  /** @internal The node for a name of `parent`: an upper node, a lower node, or a merged directory. */
  makeNode(parent: OverlayDir, name: string, upper: Inode | undefined, lower: Inode | undefined): OverlayNode {
    const real = (upper ?? lower)!;
    const ino = lower ? lower.ino : this.meta.inoOf(upper!.ino);
    switch (real.stat().mode & S.IFMT) {
      case S.IFDIR: return new OverlayDir(this, parent, name, upper, lower, ino);
      case S.IFREG: return new OverlayFile(this, parent, name, upper, lower, ino);
      case S.IFLNK: return new OverlaySymlink(this, parent, name, upper, lower, ino);
      default: return new OverlaySpecial(this, parent, name, upper, lower, ino);
    }
  }
}
