/**
 * What buildImage takes: a tree of plain objects. A node object that appears under two names
 * is one inode with two links (a hard link); directories may appear only once.
 */

/** Attributes every node may carry; absent ones take the defaults below. */
export interface ImageAttrs {
  /** Permission bits (0o7777; type bits, if present, must match the kind). Default: 0o755 for
   * directories, 0o777 for symlinks, 0o644 otherwise. */
  readonly mode?: number;
  /** Owner and group. Default 0. */
  readonly uid?: number;
  readonly gid?: number;
  /** Modification time in nanoseconds since the epoch (atime and ctime read as the same). Default 0. */
  readonly mtimeNs?: bigint;
}

/** Entry names (no "/", not "." or "..", at most 255 UTF-8 bytes) to nodes. */
export type ImageEntries = Readonly<Record<string, ImageTreeNode>> | ReadonlyMap<string, ImageTreeNode>;

export interface ImageTreeDir extends ImageAttrs {
  readonly kind: 'dir';
  readonly entries: ImageEntries;
}

export interface ImageTreeFile extends ImageAttrs {
  readonly kind: 'file';
  /** Contents; a string is stored as UTF-8. */
  readonly data: Uint8Array | string;
}

export interface ImageTreeSymlink extends ImageAttrs {
  readonly kind: 'symlink';
  readonly target: string;
}

export interface ImageTreeDevice extends ImageAttrs {
  readonly kind: 'chr' | 'blk';
  /** Device number as st_rdev shows it (Linux encoding: major << 8 | minor for small numbers). */
  readonly rdev: number;
}

export interface ImageTreeSpecial extends ImageAttrs {
  readonly kind: 'fifo' | 'socket';
}

export type ImageTreeNode = ImageTreeDir | ImageTreeFile | ImageTreeSymlink | ImageTreeDevice | ImageTreeSpecial;

/** An image's root: a directory. */
export type ImageTree = ImageTreeDir;
