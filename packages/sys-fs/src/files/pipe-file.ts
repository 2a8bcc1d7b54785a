import { E, type FileOps, type FileStat, IOCTL, O, OpenFile, S } from '@kandelo/kernel-core';
import type { Pipe } from './pipe.js';

/** pipefs's device number (anonymous, 0:12); every pipe's inode lives there. */
export const PIPEFS_DEV = 12;

const pipeIn = (f: OpenFile): Pipe => f.state as Pipe;
const nonblock = (f: OpenFile): boolean => (f.flags & O.NONBLOCK) !== 0;
/** Which ends a description holds, from its access mode (a FIFO opened O_RDWR holds both). */
const reads = (f: OpenFile): boolean => (f.flags & O.ACCMODE) !== O.WRONLY;
const writes = (f: OpenFile): boolean => (f.flags & O.ACCMODE) !== O.RDONLY;

/**
 * The ends of a pipe as open files (one table for both: the syscall layer already refuses a
 * read on a write-only description and the reverse). `f.state` is the Pipe.
 */
export const pipeFileOps: FileOps = {
  seekable: false,
  read: (f, t, out) => pipeIn(f).read(t, out, nonblock(f)),
  write: (f, t, data) => pipeIn(f).write(t, data, nonblock(f)),
  stat(f): FileStat {
    const p = pipeIn(f);
    // Linux: S_IFIFO|0600 owned by the creator, size 0, times of creation (we do not touch them
    // on every transfer: that would cost a clock read per call on the hot path).
    return {
      dev: PIPEFS_DEV, ino: p.ino, mode: S.IFIFO | 0o600, nlink: 1, uid: p.uid, gid: p.gid, rdev: 0, size: 0,
      blksize: 4096, blocks: 0, atimeNs: p.timeNs, mtimeNs: p.timeNs, ctimeNs: p.timeNs,
    };
  },
  ioctl(f, t, request, arg) {
    if (request !== IOCTL.FIONREAD) throw E.ENOTTY;
    t.process.memory.setI32(arg, pipeIn(f).size);
    return 0;
  },
  release(f) {
    pipeIn(f).close(reads(f), writes(f));
  },
};

/** The pipe behind an open file, or undefined when it is not a pipe end (fcntl's pipe commands). */
export function pipeOf(f: OpenFile): Pipe | undefined {
  return f.ops === pipeFileOps ? (f.state as Pipe) : undefined;
}

/** Opens an end of `pipe` as a new description with status flags `flags` (access mode included). */
export function openPipeEnd(pipe: Pipe, flags: number): OpenFile {
  const f = new OpenFile(pipeFileOps, flags, `pipe:[${pipe.ino}]`);
  f.state = pipe;
  pipe.open(reads(f), writes(f));
  return f;
}
