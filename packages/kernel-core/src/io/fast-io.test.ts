import { describe, expect, it } from 'vitest';
import { CHANNEL } from '../abi/channel-layout.js';
import { type FileOps, OpenFile } from '../fd/open-file.js';
import { createFastIo, IO_KERNEL } from './fast-io.js';
import { IoArena } from './io-arena.js';
import { IO_LAYOUT, IO_OWNER_KERNEL, OFD_NONBLOCK, OFD_READ, OFD_WRITE, RING } from './io-layout.js';
import type { PipeRing } from './pipe-ring.js';

const READ = 63;
const WRITE = 64;
const READV = 65;
const WRITEV = 66;
const CH = 2048; // the thread's channel in process memory
const [R, W, WN] = [3, 4, 5]; // read end (O_NONBLOCK), write end, write end with O_NONBLOCK

const ops = { seekable: false, stat: () => ({}) as never } as FileOps;

function setup(cap = 4096, dataBytes = 1 << 20) {
  const arena = new IoArena(dataBytes);
  arena.ring(4096, () => {}); // so the ring under test has index 1, not 0
  const ring = arena.ring(cap, () => {})!;
  ring.readers = 1;
  ring.writers = 1;
  const map = arena.fdMap()!;
  const end = (fd: number, r: PipeRing, bits: number): OpenFile => {
    const f = new OpenFile(ops, 0, 'pipe');
    f.ioSlot = arena.ofd(r, bits);
    map.set(fd, f);
    return f;
  };
  end(R, ring, OFD_READ | OFD_NONBLOCK);
  end(W, ring, OFD_WRITE);
  end(WN, ring, OFD_WRITE | OFD_NONBLOCK);
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 4, shared: true });
  const raw = createFastIo({ arena: arena.sab, memory, channel: CH, fdMap: map.index, owner: arena.owner() });
  /** The fast path, checked to leave neither lock held. */
  const io = (n: number, fd: number, buf: number, len: number): number => {
    const got = raw(n, fd, buf, len);
    expect(ring.tryLockRead(IO_OWNER_KERNEL)).toBe(true);
    expect(ring.tryLockWrite(IO_OWNER_KERNEL)).toBe(true);
    ring.unlockRead();
    ring.unlockWrite();
    return got;
  };
  const mem = (): Uint8Array => new Uint8Array(memory.buffer);
  const kickWord = (): number => new Int32Array(memory.buffer)[(CH + CHANNEL.IO_KICK) >> 2]!;
  const fill = (at: number, n: number, seed: number): number[] => {
    for (let i = 0; i < n; i++) mem()[at + i] = (i * 31 + seed) & 255;
    return [...mem().subarray(at, at + n)];
  };
  const at = (buf: number, n: number): number[] => [...mem().subarray(buf, buf + n)];
  return { arena, ring, map, end, memory, raw, io, mem, kickWord, fill, at };
}

describe('fast I/O: moving bytes', () => {
  it('round-trips bytes at arbitrary offsets, across the ring wrap', () => {
    const { ring, io, fill, at } = setup();
    const a = fill(1001, 3000, 1);
    expect(io(WRITE, W, 1001, 3000)).toBe(3000);
    expect(ring.size).toBe(3000);
    expect(io(READ, R, 70003, 3000)).toBe(3000);
    expect(at(70003, 3000)).toEqual(a);
    const b = fill(5, 3000, 2);
    expect(io(WRITE, W, 5, 3000)).toBe(3000);
    expect(ring.w[ring.h + RING.TAIL]! & 4095).toBe(6000 - 4096); // wrapped
    expect(io(READ, R, 100_001, 4000)).toBe(3000);
    expect(at(100_001, 3000)).toEqual(b);
    expect(ring.size).toBe(0);
  });

  it('a read returns at most len, and at most what is there', () => {
    const { io, fill, at, mem } = setup();
    const a = fill(0, 100, 3);
    expect(io(WRITE, W, 0, 100)).toBe(100);
    expect(io(READ, R, 500, 30)).toBe(30);
    expect(at(500, 30)).toEqual(a.slice(0, 30));
    mem().fill(0xee, 600, 1700);
    expect(io(READ, R, 600, 1000)).toBe(70);
    expect(at(600, 70)).toEqual(a.slice(30));
    expect(mem()[670]).toBe(0xee); // nothing past what was there
    expect(io(READ, R, 600, 1000)).toBe(IO_KERNEL); // empty, non-blocking: the kernel's EAGAIN
  });

  it('moves a write larger than IO_CHUNK whole when it fits', () => {
    const { io, fill, at } = setup(65536);
    const a = fill(0, 40000, 4);
    expect(io(WRITE, W, 0, 40000)).toBe(40000);
    expect(io(READ, R, 50000, 65536)).toBe(40000);
    expect(at(50000, 40000)).toEqual(a);
  });

  it('non-blocking: <= PIPE_BUF goes in whole or not at all, a larger write moves what fits', () => {
    const { ring, io, fill, at } = setup();
    fill(0, 8192, 5);
    expect(io(WRITE, W, 0, 1000)).toBe(1000);
    expect(io(WRITE, WN, 1000, 3097)).toBe(IO_KERNEL);
    expect(ring.size).toBe(1000);
    expect(io(WRITE, WN, 1000, 3096)).toBe(3096); // exactly the room left
    expect(io(READ, R, 20000, 8192)).toBe(4096);
    expect(io(WRITE, W, 0, 1)).toBe(1);
    expect(io(WRITE, WN, 1, 4096)).toBe(IO_KERNEL); // PIPE_BUF itself is atomic
    expect(io(WRITE, WN, 1, 5000)).toBe(4095);
    expect(ring.free).toBe(0);
    expect(io(WRITE, WN, 1, 5000)).toBe(IO_KERNEL); // full
    expect(io(READ, R, 30000, 8192)).toBe(4096);
    expect(at(30000, 4096)).toEqual(at(0, 4096));
  });

  it('reads the data left after the last writer went; EOF itself is the kernel\'s', () => {
    const { ring, io, fill, at } = setup();
    const a = fill(0, 10, 6);
    io(WRITE, W, 0, 10);
    ring.writers = 0;
    expect(io(READ, R, 100, 64)).toBe(10);
    expect(at(100, 10)).toEqual(a);
    expect(io(READ, R, 100, 64)).toBe(IO_KERNEL);
  });

  it('sees memory that grew after it was created', () => {
    const { memory, io, fill, at } = setup();
    const end = memory.buffer.byteLength;
    expect(io(WRITE, W, end + 100, 10)).toBe(IO_KERNEL);
    memory.grow(1);
    const a = fill(end + 100, 10, 7);
    expect(io(WRITE, W, end + 100, 10)).toBe(10);
    expect(io(READ, R, end + 1000, 10)).toBe(10);
    expect(at(end + 1000, 10)).toEqual(a);
  });
});

describe('fast I/O: what it leaves to the kernel', () => {
  it('fds not in the map, the wrong end, len 0, buffers past memory, other calls', () => {
    const { arena, ring, memory, io, fill, mem } = setup();
    fill(0, 64, 8);
    io(WRITE, W, 0, 16);
    const size = mem().length;
    for (const [n, fd, buf, len] of [
      [READ, 9, 0, 8], // no map entry
      [READ, IO_LAYOUT.FDS_PER_MAP + R, 0, 8], // past the map
      [READ, -1, 0, 8],
      [READ, W, 0, 8], // a write-only end
      [WRITE, R, 0, 8], // a read-only end
      [READ, R, 0, 0],
      [WRITE, W, 0, 0],
      [READ, R, size - 7, 8], // one byte past the end
      [WRITE, W, size - 7, 8],
      [WRITE, W, 0, -1], // len 0xffffffff
      [62, R, 0, 8], // lseek
      [READV, R, 2, 1], // an unaligned iovec array
      [WRITEV, W, 0, 1025], // more than IOV_MAX
    ]) {
      expect(io(n!, fd!, buf!, len!), `${n} ${fd} ${buf} ${len}`).toBe(IO_KERNEL);
    }
    const noMap = createFastIo({ arena: arena.sab, memory, channel: CH, fdMap: -1, owner: 9 });
    expect(noMap(READ, R, 0, 8)).toBe(IO_KERNEL); // a table without a map
    expect(ring.size).toBe(16); // nothing moved
    expect(io(READ, R, size - 8, 8)).toBe(8); // the last bytes of memory are fine
  });

  it('an empty ring with no writer (EOF), a write with no reader (EPIPE)', () => {
    const { ring, io } = setup();
    ring.writers = 0;
    expect(io(READ, R, 0, 8)).toBe(IO_KERNEL);
    ring.readers = 0;
    expect(io(WRITE, W, 0, 8)).toBe(IO_KERNEL);
    expect(io(WRITE, WN, 0, 8000)).toBe(IO_KERNEL);
    expect(ring.size).toBe(0);
  });

  it('stale descriptors: map word cleared, OFD slot freed', () => {
    const { arena, ring, map, io } = setup();
    expect(io(WRITE, W, 0, 8)).toBe(8);
    map.set(W, undefined);
    expect(io(WRITE, W, 0, 8)).toBe(IO_KERNEL);
    const f = new OpenFile(ops, 0, 'pipe');
    f.ioSlot = arena.ofd(ring, OFD_READ | OFD_NONBLOCK);
    map.set(8, f);
    arena.freeOfd(f.ioSlot);
    expect(io(READ, 8, 0, 8)).toBe(IO_KERNEL);
    expect(ring.size).toBe(8);
  });

  it('an OFD slot of a freed ring no longer matches, even once the index is reused', () => {
    const { arena, ring, end, io, fill, at } = setup(4096, (IO_LAYOUT.RINGS + 4) * 4096);
    const a = fill(0, 32, 9);
    io(WRITE, W, 0, 32);
    arena.freeRing(ring); // counts and bytes stay in the header: only the generation tells
    expect(io(READ, R, 100, 8)).toBe(IO_KERNEL);
    expect(io(WRITE, W, 0, 8)).toBe(IO_KERNEL);
    let next: PipeRing; // whatever order indices are handed out in, take this one again
    do next = arena.ring(4096, () => {})!;
    while (next.index !== ring.index);
    next.readers = 1;
    next.writers = 1;
    end(6, next, OFD_READ | OFD_NONBLOCK);
    end(7, next, OFD_WRITE);
    expect(io(WRITE, 7, 0, 32)).toBe(32);
    expect(io(WRITE, W, 0, 8)).toBe(IO_KERNEL);
    expect(io(READ, R, 100, 8)).toBe(IO_KERNEL);
    expect(next.size).toBe(32);
    expect(io(READ, 6, 100, 64)).toBe(32);
    expect(at(100, 32)).toEqual(a);
  });

  it('leaves a lock another owner holds alone', () => {
    const { ring, raw, io } = setup();
    io(WRITE, W, 0, 16);
    expect(ring.tryLockRead(IO_OWNER_KERNEL)).toBe(true);
    expect(raw(READ, R, 100, 8)).toBe(IO_KERNEL);
    expect(ring.w[ring.h + RING.R_LOCK]).toBe(IO_OWNER_KERNEL);
    expect(ring.size).toBe(16);
    expect(ring.tryLockWrite(IO_OWNER_KERNEL)).toBe(true);
    expect(raw(WRITE, WN, 0, 8)).toBe(IO_KERNEL);
    expect(ring.w[ring.h + RING.W_LOCK]).toBe(IO_OWNER_KERNEL);
    ring.unlockRead();
    ring.unlockWrite();
    expect(io(READ, R, 100, 8)).toBe(8);
  });
});

describe('fast I/O: blocking waits', () => {
  it('an empty pipe: waits a little, then leaves the wait to the kernel; at once with ATTENTION set', () => {
    const { ring, end, memory, io } = setup();
    end(10, ring, OFD_READ); // a blocking read end
    const m32 = new Int32Array(memory.buffer);
    let t = performance.now();
    expect(io(READ, 10, 0, 8)).toBe(IO_KERNEL);
    const waited = performance.now() - t;
    expect(waited).toBeGreaterThan(5); // spun, then slept on the ring
    expect([m32[(CH + CHANNEL.IO_WAIT) >> 2], ring.w[ring.h + RING.SLEEPERS]]).toEqual([0, 0]);
    m32[(CH + CHANNEL.ATTENTION) >> 2] = 1; // a signal pending: not ours to wait
    t = performance.now();
    expect(io(READ, 10, 0, 8)).toBe(IO_KERNEL);
    expect(performance.now() - t).toBeLessThan(waited / 2);
  });
});

describe('fast I/O: kicks', () => {
  it('sets CHANNEL.IO_KICK to ring index + 1 only while the ring has waiters', () => {
    const { ring, io, memory, kickWord } = setup();
    const clear = (): void => void (new Int32Array(memory.buffer)[(CH + CHANNEL.IO_KICK) >> 2] = 0);
    expect(ring.index).toBe(1);
    io(WRITE, W, 0, 8);
    io(READ, R, 100, 4);
    expect(kickWord()).toBe(0);
    ring.setWaiters();
    io(WRITE, W, 0, 8);
    expect(kickWord()).toBe(ring.index + 1);
    clear();
    io(READ, R, 100, 4);
    expect(kickWord()).toBe(ring.index + 1);
    clear();
    expect(io(WRITE, WN, 0, 4096)).toBe(IO_KERNEL); // no room, no lock taken: nothing to tell
    expect(kickWord()).toBe(0);
    ring.clearWaiters();
    io(READ, R, 100, 4);
    expect(kickWord()).toBe(0);
  });
});

describe('fast I/O: readv and writev', () => {
  it('writev gathers all of its iovecs at once, readv scatters what is there', () => {
    const { ring, io, fill, at, mem } = setup();
    const iov = new Int32Array(mem().buffer, 512, 6);
    const a = fill(1000, 300, 1);
    const b = fill(3000, 700, 2);
    iov.set([1000, 300, 5000, 0, 3000, 700]); // the empty middle iovec is skipped
    expect(io(WRITEV, W, 512, 3)).toBe(1000);
    expect(ring.size).toBe(1000);
    iov.set([20000, 100, 30000, 2000]);
    expect(io(READV, R, 512, 2)).toBe(1000);
    expect(at(20000, 100)).toEqual(a.slice(0, 100));
    expect(at(30000, 900)).toEqual([...a.slice(100), ...b]);
    expect(io(READV, R, 512, 2)).toBe(IO_KERNEL); // empty and non-blocking
  });

  it('writev: all or nothing, for any size up to the ring; larger, or an iovec past memory, is the kernel\'s', () => {
    const { ring, io, mem } = setup(4096);
    const iov = new Int32Array(mem().buffer, 512, 4);
    iov.set([1000, 3000, 8000, 1000]);
    expect(io(WRITEV, WN, 512, 2)).toBe(4000);
    expect(io(WRITEV, WN, 512, 2)).toBe(IO_KERNEL); // 96 bytes free: nothing moves
    expect(ring.size).toBe(4000);
    iov.set([1000, 3000, 8000, 2000]);
    expect(io(WRITEV, W, 512, 2)).toBe(IO_KERNEL); // 5000 > the ring
    iov.set([1000, 10, mem().length - 4, 8]);
    expect(io(WRITEV, W, 512, 2)).toBe(IO_KERNEL);
    expect(ring.size).toBe(4000);
  });

  it('renews its view of memory for iovecs that point into memory grown since', () => {
    const { io, memory, mem, ring } = setup();
    io(WRITE, W, 0, 1); // the views are made
    const old = mem().length;
    memory.grow(1);
    new Uint8Array(memory.buffer).fill(7, old + 10, old + 20);
    new Int32Array(memory.buffer, 512, 2).set([old + 10, 10]);
    expect(io(WRITEV, W, 512, 1)).toBe(10);
    expect(ring.size).toBe(11);
  });
});
