import {
  E, type IoArena, IO_OWNER_KERNEL, NO_REPLY, PIPE_BUF, O, OFD_NONBLOCK, OFD_READ, OFD_WRITE, type OpenFile, PAGE_SIZE, PipeRing,
  type Thread, WaitQueue,
} from '@kandelo/kernel-core';

export { PIPE_BUF };
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

/** How long the kernel spins for a ring lock a worker holds before it parks the call instead. */
const LOCK_SPIN_MS = 0.05;
/** F_SETPIPE_SZ's patience with a worker holding a lock (it may have been preempted). */
const RESIZE_SPIN_MS = 10;

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
 *
 * The ring lives in the I/O arena when there is one, where process workers move bytes
 * themselves (kernel-core io/fast-io.ts): the kernel then copies under the same ring locks, and
 * before it parks a call it sets the ring's WAITERS word (and looks again), so a worker that
 * moves data or drops a lock afterwards kicks it (kick()).
 */
export class Pipe {
  private ring: PipeRing;
  /** The ring went back to the arena with the last end (a FIFO may open again). */
  private released = false;
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
  private readonly kick = (): void => {
    this.ring.clearWaiters();
    this.readWait.wakeAll();
    this.writeWait.wakeAll();
  };

  constructor(
    /** Inode number on pipefs, fixed for the pipe's life. */
    readonly ino: number,
    /** Owner and creation time, for fstat. */
    readonly uid: number,
    readonly gid: number,
    readonly timeNs: bigint,
    private readonly broken: BrokenPipe,
    capacity = PIPE_DEFAULT_SIZE,
    private readonly io?: IoArena,
  ) {
    this.ring = this.newRing(capacity);
  }

  private newRing(capacity: number): PipeRing {
    return this.io?.ring(capacity, this.kick) ?? PipeRing.private(capacity);
  }

  /** Open read / write descriptions (each OpenFile counts once, however many fds share it). */
  get readers(): number {
    return this.ring.readers;
  }

  get writers(): number {
    return this.ring.writers;
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

  /** A poller is about to look: workers that move data from now on must kick (see pollQueues). */
  watch(): void {
    this.ring.setWaiters();
  }

  /** Takes the reader's or writer's lock; false (WAITERS set: the holder will kick) to park. */
  private lock(read: boolean, patienceMs = LOCK_SPIN_MS): boolean {
    const r = this.ring;
    const take = (): boolean => (read ? r.tryLockRead(IO_OWNER_KERNEL) : r.tryLockWrite(IO_OWNER_KERNEL));
    if (take()) return true;
    const until = performance.now() + patienceMs;
    while (performance.now() < until) if (take()) return true;
    r.setWaiters();
    return take();
  }

  read(t: Thread, out: Uint8Array, nonblock: boolean): number {
    return this.take(t, out, nonblock, true);
  }

  /** Copies up to out.length bytes without consuming them (tee); 0 at EOF, parks while empty. */
  peek(t: Thread, out: Uint8Array, nonblock: boolean): number {
    return this.take(t, out, nonblock, false);
  }

  private take(t: Thread, out: Uint8Array, nonblock: boolean, consume: boolean): number {
    const want = out.length;
    if (want === 0 && consume) return 0;
    const ring = this.ring;
    if (!this.lock(true)) return t.park(this.readWait);
    let n: number;
    try {
      let have = ring.size;
      if (have === 0) {
        if (this.writers === 0) return 0;
        if (nonblock) throw E.EAGAIN;
        ring.setWaiters();
        have = ring.size; // a worker may have written since the first look
        if (have === 0) return t.park(this.readWait);
      }
      n = want < have ? want : have;
      if (consume) ring.shift(out, 0, n);
      else ring.peek(out, 0, n);
    } finally {
      ring.unlockRead();
    }
    if (consume) this.writeWait.wakeAll();
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
    if (!this.lock(false)) return t.park(this.writeWait);
    try {
      if (total <= PIPE_BUF) {
        if (ring.free < total) {
          if (nonblock) throw E.EAGAIN;
          ring.setWaiters();
          if (ring.free < total) return t.park(this.writeWait);
        }
        ring.push(data, 0, total);
        done = total;
      } else {
        let moved = false;
        for (;;) {
          const room = ring.free;
          const n = total - done < room ? total - done : room;
          if (n > 0) {
            ring.push(data, done, n);
            done += n;
            moved = true;
          }
          if (done === total || nonblock) break;
          ring.setWaiters();
          if (ring.free === 0) {
            t.progress = done;
            if (moved) this.readWait.wakeAll();
            return t.park(this.writeWait);
          }
        }
        t.progress = undefined;
        if (done === 0) throw E.EAGAIN;
      }
    } finally {
      ring.unlockWrite();
    }
    this.readWait.wakeAll();
    return done;
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
    const ring = this.ring;
    if (size === ring.capacity) return size;
    if (!this.lock(true, RESIZE_SPIN_MS)) throw E.EBUSY;
    try {
      if (!this.lock(false, RESIZE_SPIN_MS)) throw E.EBUSY;
      try {
        if (size < ring.size) throw E.EBUSY;
        if (ring.index >= 0) {
          if (!this.io!.resize(ring, size)) throw E.ENOMEM;
        } else {
          const next = PipeRing.private(size);
          next.readers = ring.readers;
          next.writers = ring.writers;
          const n = ring.size;
          const tmp = new Uint8Array(n);
          ring.shift(tmp, 0, n);
          next.push(tmp, 0, n);
          this.ring = next;
        }
      } finally {
        ring.unlockWrite();
      }
    } finally {
      ring.unlockRead();
    }
    this.writeWait.wakeAll(); // a bigger ring may let a waiting writer in
    return size;
  }

  /** A read or write end was opened (pipe2 opens one of each; FIFOs open more). */
  open(read: boolean, write: boolean): void {
    if (this.released) {
      this.released = false;
      this.ring = this.newRing(this.ring.capacity);
    }
    if (read) {
      this.ring.readers++;
      this.readerOpens++;
    }
    if (write) {
      this.ring.writers++;
      this.writerOpens++;
    }
  }

  /**
   * An end's last descriptor closed. The last writer means EOF for readers; the last reader, EPIPE.
   * Every readiness change wakes a whole queue (never one waiter): pollers share these queues
   * with blocked readers and writers, and a wake taken by a poller must not be lost to them.
   * With both counts at zero the data goes (as in Linux) and the ring returns to the arena.
   */
  close(read: boolean, write: boolean): void {
    const ring = this.ring;
    if (read && --ring.readers === 0) this.writeWait.wakeAll();
    if (write && --ring.writers === 0) this.readWait.wakeAll();
    if (ring.readers === 0 && ring.writers === 0 && ring.index >= 0 && !this.released) {
      this.released = true;
      this.io!.freeRing(ring);
      this.ring = PipeRing.detached(ring.capacity);
    }
  }

  /** Gives an open end its OFD slot in the arena, kept in step with its O_NONBLOCK. */
  attach(f: OpenFile): void {
    if (!this.io || this.ring.index < 0) return;
    const acc = f.flags & O.ACCMODE;
    const bits = (acc !== O.WRONLY ? OFD_READ : 0) | (acc !== O.RDONLY ? OFD_WRITE : 0);
    const nb = (g: OpenFile): number => (g.flags & O.NONBLOCK ? OFD_NONBLOCK : 0);
    f.ioSlot = this.io.ofd(this.ring, bits | nb(f));
    if (f.ioSlot) f.onFlags = (g) => this.io!.setOfdBits(g.ioSlot, bits | nb(g));
  }

  /** The end's description is released: its slot goes (before the pipe's counts drop). */
  detach(f: OpenFile): void {
    if (!f.ioSlot) return;
    this.io!.freeOfd(f.ioSlot);
    f.ioSlot = 0;
    f.onFlags = undefined;
  }
}
