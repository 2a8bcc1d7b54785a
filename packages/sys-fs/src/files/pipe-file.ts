import { E, type FileOps, type FileStat, IOCTL, O, OpenFile, POLL, S } from '@kandelo/kernel-core';
import { Pipe, PIPE_BUF } from './pipe.js';

/** pipefs's device number (anonymous, 0:12); every pipe's inode lives there. */
export const PIPEFS_DEV = 12;

const pipeIn = (f: OpenFile): Pipe => f.state as Pipe;
const nonblock = (f: OpenFile): boolean => (f.flags & O.NONBLOCK) !== 0;
/** Which ends a description holds, from its access mode (a FIFO opened O_RDWR holds both). */
const reads = (f: OpenFile): boolean => (f.flags & O.ACCMODE) !== O.WRONLY;
const writes = (f: OpenFile): boolean => (f.flags & O.ACCMODE) !== O.RDONLY;

/**
 * FIFO read ends opened O_NONBLOCK while no writer was there: the pipe's writerOpens at that
 * moment. Until a writer has come (the count moves) "no writer" is not a hang-up, so poll does
 * not report POLLHUP (Linux's f_version check in pipe_poll).
 */
const hupAfterWriter = new WeakMap<OpenFile, number>();

/** Marks a FIFO read end opened with no writer yet (see hupAfterWriter). */
export function suppressHupUntilWriter(f: OpenFile, pipe: Pipe): void {
  hupAfterWriter.set(f, pipe.writerOpens);
}

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
    const p = pipeIn(f);
    p.detach(f);
    p.close(reads(f), writes(f));
  },
  poll(f) {
    const p = pipeIn(f);
    let m = 0;
    if (reads(f)) {
      if (p.size > 0) m |= POLL.IN | POLL.RDNORM;
      if (p.writers === 0 && hupAfterWriter.get(f) !== p.writerOpens) m |= POLL.HUP;
    }
    if (writes(f)) {
      // Linux: writable while a buffer slot is free, about a page; PIPE_BUF guarantees that an
      // atomic write the poller then makes does not block.
      if (p.free >= PIPE_BUF) m |= POLL.OUT | POLL.WRNORM;
      // Linux sets POLLERR for FIFOs too (most Unices do not).
      if (p.readers === 0) m |= POLL.ERR;
    }
    return m;
  },
  // Pipe wakes readWait on data and on the last writer's close, writeWait on room and on the
  // last reader's close: exactly the changes poll reports for each end.
  // Called before poll (see pollFile): from here on workers moving bytes must kick the kernel.
  pollQueues(f) {
    const p = pipeIn(f);
    p.watch();
    const r = reads(f);
    const w = writes(f);
    return r && w ? [p.readWait, p.writeWait] : r ? [p.readWait] : [p.writeWait];
  },
};

/**
 * The pipe behind an open file (an anonymous pipe's or a FIFO's end), or undefined when it is
 * not one (fcntl's pipe commands; Linux allows them on FIFOs too).
 */
export function pipeOf(f: OpenFile): Pipe | undefined {
  return f.state instanceof Pipe ? f.state : undefined;
}

/** Opens an end of `pipe` as a new description with status flags `flags` (access mode included). */
export function openPipeEnd(pipe: Pipe, flags: number): OpenFile {
  const f = new OpenFile(pipeFileOps, flags, `pipe:[${pipe.ino}]`);
  f.state = pipe;
  pipe.open(reads(f), writes(f));
  pipe.attach(f);
  return f;
}
