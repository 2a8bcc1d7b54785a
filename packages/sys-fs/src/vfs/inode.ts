import type { FileOps, FileStat, OpenFile, Process, Thread } from '@kandelo/kernel-core';

/**
 * The contract between the VFS and its backends (memfs, hostfs, devfs, procfs, image, overlay).
 *
 * The VFS walks paths, crosses mounts, follows symlinks, checks permissions and validates
 * arguments; a backend only answers questions about its own nodes. "." and ".." never reach a
 * backend (the VFS resolves them on its walk stack), and names never contain "/".
 * All methods throw errno sentinels (E.*). An absent optional method means the operation is not
 * supported by the node: the VFS answers EPERM, ENOTDIR, EINVAL... as Linux does for that case.
 */

/** Who is asking: the credentials used for ownership and permission checks. */
export interface Caller {
  /** fsuid / fsgid (effective ids). */
  readonly uid: number;
  readonly gid: number;
  readonly groups: readonly number[];
  /** The calling process (procfs answers /proc/self from it); absent for kernel-internal calls. */
  readonly process?: Process;
  readonly thread?: Thread;
}

/** A directory entry as readdir lists it (without "." and ".."). */
export interface DirEntry {
  readonly name: string;
  readonly ino: number;
  /** DT_* type (see dtype()). */
  readonly type: number;
}

/** Attribute changes (chmod, chown, truncate, utimensat); unset fields stay. */
export interface SetAttr {
  mode?: number;
  uid?: number;
  gid?: number;
  size?: number;
  atimeNs?: bigint;
  mtimeNs?: bigint;
}

/** statfs numbers of a filesystem. */
export interface FsStats {
  /** f_type magic (TMPFS_MAGIC, PROC_SUPER_MAGIC...). */
  readonly magic: number;
  readonly bsize: number;
  readonly blocks: number;
  readonly bfree: number;
  readonly files: number;
  readonly ffree: number;
  readonly namelen: number;
}

/** A filesystem instance (Linux's superblock). */
export interface FileSystem {
  /** Type name as /proc/mounts shows it: "tmpfs", "hostfs", "devtmpfs", "proc", "kandelo-image", "overlay". */
  readonly type: string;
  /** st_dev of every node (assigned from Vfs.allocDev() when the filesystem is made). */
  readonly dev: number;
  /** Read-only by nature (an image): writes give EROFS whatever the mount flags. */
  readonly readonly: boolean;
  readonly root: Inode;
  statfs(): FsStats;
}

/** A description-level view of a regular file's data, from Inode.open (hostfs keeps a host handle). */
export interface FileHandle {
  read(out: Uint8Array, pos: number): number;
  write(data: Uint8Array, pos: number): number;
  /** Current size (for O_APPEND and SEEK_END). */
  size(): number;
  truncate(size: number): void;
  sync?(): void;
  /** Called once, when the last descriptor of the description closes. */
  close?(): void;
}

/** What opening a node yields: a data handle the VFS wraps in its regular-file ops, or ops of its own. */
export type OpenResult =
  | { readonly handle: FileHandle }
  /** A device or generated file: its own FileOps; `state` becomes OpenFile.state. */
  | { readonly ops: FileOps; readonly state?: unknown }
  /** A ready-made description (a /proc/<pid>/fd link reopening a pipe end); used as is. */
  | { readonly file: OpenFile };

/** New node kinds made by Inode.create (S_IFREG, S_IFDIR, S_IFIFO, S_IFSOCK, S_IFCHR/S_IFBLK with rdev). */
export interface NewNode {
  /** Full mode: type bits | permission bits (umask already applied). */
  readonly mode: number;
  readonly rdev?: number;
  /** Symlink target (mode S_IFLNK). */
  readonly target?: string;
}

export interface Inode {
  readonly fs: FileSystem;
  readonly ino: number;
  /** Current attributes; `dev` is fs.dev. */
  stat(): FileStat;
  /** chmod/chown/truncate/utimes; absent: EPERM. Backends update ctime themselves. */
  setattr?(a: SetAttr): void;

  // --- directories ---------------------------------------------------------------------------
  /** The child called `name`, or undefined when there is none (ENOENT is the VFS's business). */
  lookup?(name: string, c: Caller): Inode | undefined;
  /** Every entry except "." and "..", in a stable order. */
  readdir?(c: Caller): DirEntry[];
  /** Makes a new child (regular file, directory, symlink, FIFO, socket, device). EEXIST if taken. */
  create?(name: string, node: NewNode, c: Caller): Inode;
  /** A new name for an existing node of the same filesystem (hard link). */
  link?(name: string, target: Inode): void;
  /** Removes the entry `name` (a directory only when `dir`; ENOTEMPTY if it has entries). */
  unlink?(name: string, dir: boolean): void;
  /**
   * Moves `name` to `newDir`/`newName` (same filesystem). `exchange` swaps the two (both exist);
   * otherwise an existing target is replaced (the VFS has checked type compatibility and emptiness).
   */
  rename?(name: string, newDir: Inode, newName: string, exchange: boolean): void;

  // --- symlinks ------------------------------------------------------------------------------
  /** The link's target text (may depend on the caller: /proc/self). */
  readlink?(c: Caller): string;
  /**
   * A "magic link" (/proc/<pid>/fd/N): the node it stands for, reached without parsing text, so
   * a pipe or a deleted file can be reopened. The VFS prefers this over readlink when following.
   */
  follow?(c: Caller): Inode;

  // --- data ------------------------------------------------------------------------------------
  /** Opens the node (regular files, devices, generated files). Flags are the open(2) flags. */
  open?(flags: number, c: Caller): OpenResult;
  /**
   * A value that changes whenever the node's content does, exactly (a write counter), for caches
   * of what was made from the content (the kernel's compiled programs). Absent, or undefined,
   * when the backend cannot tell: a host file changes behind the kernel's back, and host times
   * are too coarse to stand in for it.
   */
  contentVersion?(): string | undefined;
}

/** The inode an open file description was opened from (the VFS sets OpenFile.node). */
export const inodeOf = (f: OpenFile): Inode | undefined => f.node as Inode | undefined;
