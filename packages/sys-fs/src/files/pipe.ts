import { E, NO_REPLY, PAGE_SIZE, type Thread, WaitQueue } from '@kandelo/kernel-core';
import { ByteRing } from './byte-ring.js';

/** Writes of at most this many bytes are atomic: all or nothing (POSIX PIPE_BUF, Linux's 4096). */
export const PIPE_BUF = 4096;
/** Linux's default capacity (16 pages). */
export const PIPE_DEFAULT_SIZE = 65536;
/** Linux's /proc/sys/fs/pipe-max-size default: F_SETPIPE_SZ beyond it is EPERM. */
export const PIPE_MAX_SIZE = 1024 * 1024;

/** Called when a write finds no reader left: raises SIGPIPE for the writing thread. */
export type BrokenPipe = (t: Thread) => void;

/** The size F_SETPIPE_SZ makes of a request: Linux's round_pipe_size (0: invalid). */
export function roundPipeSize(request: number): number {
  if (request > 2 ** 31) return 0;
  let size = PAGE_SIZE;
  while (size < request) size *= 2;
  return size;
}

/**
 * A pipe: a bounded byte ring between its read ends and its write ends, with Linux's semantics.
 * A read returns what is there (up to the count) and waits only while the pipe is empty and a
 * writer remains; no writer left means end of file. A write of at most PIPE_BUF bytes goes in
 * whole or waits; a larger one moves as much as fits, wakes the readers and waits for room,
 * until all of it is in. With no reader left a write fails with EPIPE and raises SIGPIPE.
 *
 * Waiting follows the kernel's re-run model: a call parks and runs again, with the same
 * arguments, when woken. A large write that parks after moving part of its data keeps the count
 * in `t.progress`, so the re-run carries on from there and nothing is written twice. Whoever
 * ends such a call early (a signal, later) must complete it with that count, as Linux returns
 * the bytes written.
 */
export class Pipe {
  private readonly ring: ByteRing;
  /** Open read / write descriptions (each OpenFile counts once, however many fds share it). */
  readers = 0;
  writers = 0;
  /**
   * How many read / write ends were ever opened (Linux's r_counter/w_counter): a FIFO opener
   * waits for the other side's count to change, not for it to be non-zero, so a partner that
   * came and went already still lets it through; poll uses writerOpens for POLLHUP.
   */
  readerOpens = 0;
  writerOpens = 0;
  /** Readers waiting for data (or for the last writer to go). */
  readonly readWait = new WaitQueue();
  /** Writers waiting for room (or for the last reader to go). */
  readonly writeWait = new WaitQueue();

  constructor(
    /** Inode number on pipefs, fixed for the pipe's life. */
    readonly ino: number,
    /** Owner and creation time, for fstat. */
    readonly uid: number,
    readonly gid: number,
    readonly timeNs: bigint,
    private readonly broken: BrokenPipe,
    capacity = PIPE_DEFAULT_SIZE,
  ) {
    this.ring = new ByteRing(capacity);
  }

  /** Bytes waiting to be read (FIONREAD). */
  get size(): number {
    return this.ring.size;
  }

  /** Bytes that fit before a writer must wait (poll's POLLOUT). */
  get free(): number {
    return this.ring.free;
  }

  /** Capacity in bytes (F_GETPIPE_SZ). */
  get capacity(): number {
    return this.ring.capacity;
  }

  read(t: Thread, out: Uint8Array, nonblock: boolean): number {
    const want = out.length;
    if (want === 0) return 0;
    const have = this.ring.size;
    if (have === 0) {
      if (this.writers === 0) return 0;
      if (nonblock) throw E.EAGAIN;
      return t.park(this.readWait);
    }
    const n = want < have ? want : have;
    this.ring.shift(out, 0, n);
    this.writeWait.wakeAll();
    return n;
  }

  /** Copies up to out.length bytes without consuming them (tee); 0 at EOF, parks while empty. */
  peek(t: Thread, out: Uint8Array, nonblock: boolean): number {
    const have = this.ring.size;
    if (have === 0) {
      if (this.writers === 0) return 0;
      if (nonblock) throw E.EAGAIN;
      return t.park(this.readWait);
    }
    const n = Math.min(out.length, have);
    this.ring.peek(out, 0, n);
    return n;
  }

  write(t: Thread, data: Uint8Array, nonblock: boolean): number {
    const total = data.length;
    // Linux returns 0 for an empty write before looking at the readers: no SIGPIPE.
    if (total === 0) return 0;
    let done = typeof t.progress === 'number' ? t.progress : 0;
    if (this.readers === 0) {
      t.progress = undefined;
      this.broken(t);
      if (t.process.zombie) return NO_REPLY; // killed by SIGPIPE: the call never returns
      if (done > 0) return done; // Linux reports what a large write got in, SIGPIPE regardless
      throw E.EPIPE;
    }
    const ring = this.ring;
    if (total <= PIPE_BUF) {
      if (ring.free < total) {
        if (nonblock) throw E.EAGAIN;
        return t.park(this.writeWait);
      }
      ring.push(data, 0, total);
      this.readWait.wakeAll();
      return total;
    }
    const room = ring.free;
    const n = total - done < room ? total - done : room;
    if (n > 0) {
      ring.push(data, done, n);
      done += n;
      this.readWait.wakeAll();
    }
    if (done === total || nonblock) {
      t.progress = undefined;
      if (done === 0) throw E.EAGAIN;
      return done;
    }
    t.progress = done;
    return t.park(this.writeWait);
  }

  /**
   * F_SETPIPE_SZ: `request` rounded up to a power-of-two number of pages; EPERM beyond
   * PIPE_MAX_SIZE (even for root: a ring lives in the kernel's own memory), EBUSY when the
   * contents would not fit. Returns the new capacity.
   */
  setCapacity(request: number): number {
    const size = roundPipeSize(request);
    if (size === 0) throw E.EINVAL;
    if (size > PIPE_MAX_SIZE && size > this.ring.capacity) throw E.EPERM;
    if (size < this.ring.size) throw E.EBUSY;
    this.ring.resize(size);
    this.writeWait.wakeAll(); // a bigger ring may let a waiting writer in
    return size;
  }

  /** A read or write end was opened (pipe2 opens one of each; FIFOs open more). */
  open(read: boolean, write: boolean): void {
    if (read) {
      this.readers++;
      this.readerOpens++;
    }
    if (write) {
      this.writers++;
      this.writerOpens++;
    }
  }

  /**
   * An end's last descriptor closed. The last writer means EOF for readers; the last reader, EPIPE.
   * Every readiness change wakes a whole queue (never one waiter): pollers share these queues
   * with blocked readers and writers, and a wake taken by a poller must not be lost to them.
   */
  close(read: boolean, write: boolean): void {
    if (read && --this.readers === 0) this.writeWait.wakeAll();
    if (write && --this.writers === 0) this.readWait.wakeAll();
  }
}
