import { type FileStat, O, type OpenFile } from '@kandelo/kernel-core';
import { openPipeEnd, pipeOf } from '../files/pipe-file.js';
import type { FileSystem, FsStats, Inode, OpenResult } from '../vfs/inode.js';

export const PIPEFS_MAGIC = 0x50495045;
export const ANON_INODE_FS_MAGIC = 0x09041934;

/** Flags that only steer open itself; a reopened description keeps the rest (as the VFS does). */
const OPEN_ONLY = O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC | O.DIRECTORY | O.NOFOLLOW;

/**
 * The pseudo filesystem an adapter belongs to: pipefs for pipes, anon_inodefs for the rest.
 * Its st_dev is the file's own, so the node's identity (dev, ino) is the file's and never
 * collides with a procfs node.
 */
class AnonFs implements FileSystem {
  readonly readonly = false;

  constructor(
    readonly type: string,
    readonly dev: number,
    private readonly magic: number,
    readonly root: Inode,
  ) {}

  statfs(): FsStats {
    return { magic: this.magic, bsize: 4096, blocks: 0, bfree: 0, files: 0, ffree: 0, namelen: 255 };
  }
}

/**
 * What a /proc/<pid>/fd link leads to when the open file has no filesystem node (a pipe end,
 * a console stream): an inode standing for the description. stat is the file's fstat; opening
 * it opens a fresh end of the same pipe with the new flags (Linux reopens the pipe inode), or
 * for other files shares the existing description (its offset and flags).
 */
export class OpenFileInode implements Inode {
  readonly fs: FileSystem;
  readonly ino: number;

  constructor(readonly file: OpenFile) {
    const st = file.ops.stat(file);
    this.ino = st.ino;
    const pipe = pipeOf(file) !== undefined;
    this.fs = new AnonFs(pipe ? 'pipefs' : 'anon_inodefs', st.dev, pipe ? PIPEFS_MAGIC : ANON_INODE_FS_MAGIC, this);
  }

  stat(): FileStat {
    return this.file.ops.stat(this.file);
  }

  open(flags: number): OpenResult {
    const pipe = pipeOf(this.file);
    if (pipe) return { file: openPipeEnd(pipe, flags & ~OPEN_ONLY) };
    return { file: this.file.ref() };
  }
}
