/**
 * The process worker's side of pipe I/O (the `kandelo.io` import, MODULE_ABI.IO): the glue offers
 * every read and write to it before making the call. When the descriptor is a pipe end in the
 * I/O arena and the call can make progress, the bytes move here, between process memory and the
 * ring, without the kernel thread; the kernel's wait queues, EOF, EPIPE/SIGPIPE, signals and
 * every other file stay the kernel's. Light on imports: it runs in every worker.
 */
import { CHANNEL, SPIN_SLEEP_HINT } from '../abi/channel-layout.js';
import { syscallNumber } from '../abi/syscalls.js';
import {
  IO_CHUNK, IO_FDMAP_BASE, PIPE_BUF, IO_KERNEL, IO_LAYOUT, IO_OFD_BASE, IO_RING_BASE, OFD_NONBLOCK, OFD_READ, OFD_RING_SHIFT,
  OFD_WRITE, RING,
} from './io-layout.js';
import { PipeRing } from './pipe-ring.js';

const SYS_READ = syscallNumber('read')!;
const SYS_WRITE = syscallNumber('write')!;
const SYS_READV = syscallNumber('readv')!;
const SYS_WRITEV = syscallNumber('writev')!;
/** Linux's UIO_MAXIOV: more iovecs is the kernel's EINVAL. */
const IOV_MAX = 1024;

/**
 * Waiting for data or room: first SPIN_LOOPS looks at the ring (the other end is usually running
 * on another CPU, a copy of 16 KiB away), then sleeps on the ring's SEQ word in slices of
 * SLEEP_MS, woken by whoever changes the ring. After WAIT_MS in all the wait becomes the kernel's,
 * where the thread is parked as blocked (a reader of a quiet pipe is not left counted as running).
 * A sleep and a wake cost ~65 us on the machines measured; a trip through the kernel twice that.
 * 200 looks or 2000 made no difference to pipe-throughput here, within this VM's noise; a shell
 * loop of short pipelines was a little faster with 200 (a waiting reader burns less CPU that the
 * writer, on 2 CPUs, may need).
 */
const SPIN_LOOPS = 200;
const SLEEP_MS = 5;
const WAIT_MS = 20;

export interface FastIoOptions {
  arena: SharedArrayBuffer;
  memory: WebAssembly.Memory;
  /** The thread's channel address. */
  channel: number;
  /** The process's fd map in the arena, or -1 (every call goes to the kernel). */
  fdMap: number;
  /** This thread's lock owner id (IoArena.owner). */
  owner: number;
}

export { IO_KERNEL };

/**
 * The `kandelo.io(nr, fd, buf, len)` import: a byte count, or IO_KERNEL to make the call. A write
 * may return a part: with CHANNEL.IO_KICK set the glue kicks and offers the rest again, otherwise
 * (no room came in time, O_NONBLOCK, a signal) the kernel takes the rest.
 */
export type FastIo = (n: number, fd: number, buf: number, len: number) => number;

export function createFastIo(o: FastIoOptions): FastIo {
  const A = new Int32Array(o.arena);
  const AU8 = new Uint8Array(o.arena);
  const mapBase = o.fdMap < 0 ? -1 : IO_FDMAP_BASE + o.fdMap * IO_LAYOUT.FDS_PER_MAP;
  const owner = o.owner;
  let mem = new Uint8Array(o.memory.buffer);
  let m32 = new Int32Array(o.memory.buffer);
  const attention = (o.channel + CHANNEL.ATTENTION) >> 2;
  const spinWord = (o.channel + CHANNEL.SPIN) >> 2;
  const kickWord = (o.channel + CHANNEL.IO_KICK) >> 2;
  const rings: PipeRing[] = [];

  /** Whether the descriptor still names the same pipe end (checked under the ring's lock). */
  const same = (fd: number, slot: number, v: number, gen: number, ring: PipeRing): boolean =>
    A[mapBase + fd] === slot && A[IO_OFD_BASE + (slot - 1) * IO_LAYOUT.OFD_WORDS] === v &&
    Atomics.load(A, ring.h + RING.GEN) === gen;

  const ioWait = (o.channel + CHANNEL.IO_WAIT) >> 2;
  /** Looks or sleeps so far in this call's wait (reset whenever bytes move), and since when. */
  let looks = 0;
  let since = 0;

  /**
   * One step of waiting for the ring to change from `seq`: false when the wait is not ours to
   * make (O_NONBLOCK, a signal or stop pending, CPUs oversubscribed, WAIT_MS gone).
   */
  const wait = (ring: PipeRing, seq: number, nonblock: boolean): boolean => {
    if (nonblock || Atomics.load(m32, attention) !== 0) return false;
    if (++looks < SPIN_LOOPS) return true;
    const now = performance.now();
    if (looks === SPIN_LOOPS) {
      if (Atomics.load(m32, spinWord) === SPIN_SLEEP_HINT) return false;
      since = now;
    } else if (now - since > WAIT_MS) {
      return false;
    }
    // The kernel wakes us here when it wants the thread (wakeWaiter): say where, then look again.
    Atomics.store(m32, ioWait, ring.index + 1);
    if (Atomics.load(m32, attention) === 0) ring.sleep(seq, SLEEP_MS);
    Atomics.store(m32, ioWait, 0);
    return true;
  };

  function write(fd: number, slot: number, v: number, gen: number, ring: PipeRing, buf: number, len: number): number {
    const nonblock = (v & OFD_NONBLOCK) !== 0;
    const atomic = len <= PIPE_BUF;
    let done = 0;
    let locked = false;
    looks = 0;
    for (;;) {
      const seq = ring.seq;
      if (ring.readers === 0) break;
      const want = len - done;
      const free = ring.free;
      if ((atomic ? free >= want : free > 0) && ring.tryLockWrite(owner)) {
        locked = true;
        if (!same(fd, slot, v, gen, ring)) {
          ring.unlockWrite();
          break;
        }
        const room = ring.free;
        const k = atomic ? (room >= want ? want : 0) : Math.min(want, room, IO_CHUNK);
        if (k > 0) ring.push(mem, buf + done, k);
        ring.unlockWrite();
        done += k;
        if (done === len) break;
        if (k > 0) {
          looks = 0;
          continue;
        }
      }
      // About to wait for room: a reader parked in the kernel must hear of the bytes first, or
      // both would wait. The glue kicks and offers the rest again.
      if (done > 0 && ring.waiters) break;
      if (!wait(ring, seq, nonblock)) break;
    }
    if (locked && ring.waiters) Atomics.store(m32, kickWord, ring.index + 1);
    return done > 0 ? done : IO_KERNEL;
  }

  /** `mayWait`: false once a readv has got something (it then takes only what is there). */
  function read(
    fd: number, slot: number, v: number, gen: number, ring: PipeRing, buf: number, len: number, mayWait = true,
  ): number {
    const nonblock = (v & OFD_NONBLOCK) !== 0;
    let got = 0;
    let locked = false;
    looks = 0;
    for (;;) {
      const seq = ring.seq;
      if (ring.size > 0 && ring.tryLockRead(owner)) {
        locked = true;
        if (!same(fd, slot, v, gen, ring)) {
          ring.unlockRead();
          break;
        }
        const k = Math.min(len - got, ring.size, IO_CHUNK);
        if (k > 0) ring.shift(mem, buf + got, k);
        ring.unlockRead();
        got += k;
        if (got === len) break;
        if (k > 0) continue;
      }
      // A read returns what there is: wait only while nothing came, and never for EOF.
      if (got > 0 || !mayWait || ring.writers === 0) break;
      if (!wait(ring, seq, nonblock)) break;
    }
    if (locked && ring.waiters) Atomics.store(m32, kickWord, ring.index + 1);
    return got > 0 ? got : IO_KERNEL;
  }

  /** readv: fills the iovecs (at word `iov`) in turn; waits only while nothing has come. */
  function readv(fd: number, slot: number, v: number, gen: number, ring: PipeRing, iov: number, cnt: number): number {
    let got = 0;
    for (let i = 0; i < cnt; i++) {
      const len = m32[iov + 2 * i + 1]! >>> 0;
      if (len === 0) continue;
      const r = read(fd, slot, v, gen, ring, m32[iov + 2 * i]! >>> 0, len, got === 0);
      if (r === IO_KERNEL) break;
      got += r;
      if (r < len) break;
    }
    return got > 0 ? got : IO_KERNEL;
  }

  /**
   * writev: all `total` bytes under one hold of the writer lock, once there is room for all of
   * them (so PIPE_BUF-sized ones stay whole, and no partial count needs carrying on); one larger
   * than the ring is the kernel's.
   */
  function writev(
    fd: number, slot: number, v: number, gen: number, ring: PipeRing, iov: number, cnt: number, total: number,
  ): number {
    if (total > ring.capacity) return IO_KERNEL;
    const nonblock = (v & OFD_NONBLOCK) !== 0;
    let done = false;
    let locked = false;
    looks = 0;
    for (;;) {
      const seq = ring.seq;
      if (ring.readers === 0) break;
      if (ring.free >= total && ring.tryLockWrite(owner)) {
        locked = true;
        const ok = same(fd, slot, v, gen, ring);
        if (ok && ring.free >= total) {
          for (let i = 0; i < cnt; i++) {
            const len = m32[iov + 2 * i + 1]! >>> 0;
            if (len > 0) ring.push(mem, m32[iov + 2 * i]! >>> 0, len);
          }
          done = true;
        }
        ring.unlockWrite();
        if (done || !ok) break;
      }
      if (!wait(ring, seq, nonblock)) break;
    }
    if (locked && ring.waiters) Atomics.store(m32, kickWord, ring.index + 1);
    return done ? total : IO_KERNEL;
  }

  /**
   * Whether memory reaches byte `end`, renewing the views if memory grew since they were made (it
   * never shrinks). Past its end is the kernel's EFAULT.
   */
  function within(end: number): boolean {
    if (end <= mem.byteLength) return true;
    mem = new Uint8Array(o.memory.buffer);
    m32 = new Int32Array(o.memory.buffer);
    return end <= mem.byteLength;
  }

  /** The bytes an iovec array (at byte `iov`, `cnt` entries) names, or -1 if one lies past memory. */
  function iovTotal(iov: number, cnt: number): number {
    let total = 0;
    for (let i = 0; i < cnt; i++) {
      const base = m32[(iov >> 2) + 2 * i]! >>> 0;
      const len = m32[(iov >> 2) + 2 * i + 1]! >>> 0;
      if (!within(base + len)) return -1;
      total += len;
    }
    return total > 0x7fff_ffff ? -1 : total;
  }

  return (n, fd, buf, len) => {
    const vector = n === SYS_READV || n === SYS_WRITEV;
    if (mapBase < 0 || fd >>> 0 >= IO_LAYOUT.FDS_PER_MAP || (!vector && n !== SYS_READ && n !== SYS_WRITE)) {
      return IO_KERNEL;
    }
    const slot = Atomics.load(A, mapBase + fd);
    if (slot === 0) return IO_KERNEL;
    const at = IO_OFD_BASE + (slot - 1) * IO_LAYOUT.OFD_WORDS;
    const v = Atomics.load(A, at);
    const gen = Atomics.load(A, at + 1);
    if (v === 0) return IO_KERNEL;
    buf >>>= 0;
    len >>>= 0;
    if (len === 0 || (vector && (len > IOV_MAX || (buf & 3) !== 0))) return IO_KERNEL;
    if (!within(vector ? buf + len * 8 : buf + len)) return IO_KERNEL;
    const index = (v >>> OFD_RING_SHIFT) - 1;
    const ring = (rings[index] ??= new PipeRing(A, AU8, IO_RING_BASE + index * IO_LAYOUT.RING_WORDS, index));
    if (n === SYS_WRITE) return v & OFD_WRITE ? write(fd, slot, v, gen, ring, buf, len) : IO_KERNEL;
    if (n === SYS_READ) return v & OFD_READ ? read(fd, slot, v, gen, ring, buf, len) : IO_KERNEL;
    const total = iovTotal(buf, len);
    if (total <= 0) return IO_KERNEL;
    if (n === SYS_WRITEV) return v & OFD_WRITE ? writev(fd, slot, v, gen, ring, buf >> 2, len, total) : IO_KERNEL;
    return v & OFD_READ ? readv(fd, slot, v, gen, ring, buf >> 2, len) : IO_KERNEL;
  };
}
