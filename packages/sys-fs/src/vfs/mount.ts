import type { FileSystem, Inode } from './inode.js';

/** Per-mount flags (MS_RDONLY and friends, as far as we honour them). */
export interface MountFlags {
  readonly readonly: boolean;
  readonly nosuid?: boolean;
  readonly noexec?: boolean;
  readonly nodev?: boolean;
}

/**
 * A mounted filesystem: `fs` seen from `root` (its root, or a subdirectory for a bind mount),
 * stacked on `mountpoint` inside `parent`. The first mount (the root) has no parent.
 */
export class Mount {
  constructor(
    readonly id: number,
    readonly fs: FileSystem,
    readonly root: Inode,
    readonly parent: Mount | undefined,
    readonly mountpoint: Inode | undefined,
    /** Kernel path of the mount point (for /proc/mounts and getcwd-like answers). */
    readonly path: string,
    public flags: MountFlags,
    /** What was mounted: "tmpfs", a host directory, an image name. */
    readonly source: string,
  ) {}

  get readonly(): boolean {
    return this.flags.readonly || this.fs.readonly;
  }
}

/** Identity of a node across lookups (backends may hand out a fresh object per lookup). */
export const nodeKey = (n: Inode): string => `${n.fs.dev}:${n.ino}`;
