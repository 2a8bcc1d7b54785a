import { describe, expect, it } from 'vitest';
import {
  CHANNEL, createFastIo, IO_KERNEL, IO_LAYOUT, IO_OFD_BASE, IO_RING_BASE, IoArena, O, OFD_NONBLOCK, OFD_READ,
  OFD_RING_SHIFT, OFD_WRITE, type OpenFile, PARK, PipeRing, type Process, RING, type Thread,
} from '@kandelo/kernel-core';
import { fakeClock, testThread } from '@kandelo/kernel-core/testing';
import { PipeFs } from './pipe-fs.js';

const SYS_READ = 63;
const SYS_WRITE = 64;
const WORKER = 7;

/** A pipe whose ring lives in an arena, as under a kernel with workers. */
function setup() {
  const io = new IoArena(1 << 20);
  const kernel = { clock: fakeClock, io, signal: (_p: Process, _s: number, _t?: Thread) => {} };
  const fs = new PipeFs(kernel);
  const woken: Thread[] = [];
  const t = testThread({ pages: 8, scheduler: { runAgain: (th) => woken.push(th) } });
  const [rf, wf] = fs.create(t, false);
  const v = io.w[IO_OFD_BASE + (rf.ioSlot - 1) * IO_LAYOUT.OFD_WORDS]!;
  const index = (v >>> OFD_RING_SHIFT) - 1;
  // The workers' view of the same ring.
  const ring = new PipeRing(io.w, io.u8, IO_RING_BASE + index * IO_LAYOUT.RING_WORDS, index);
  const run = (call: () => number): number => {
    const r = call();
    if (r !== PARK) t.progress = undefined;
    return r;
  };
  const read = (out: Uint8Array) => run(() => rf.ops.read!(rf, t, out, null));
  const write = (data: Uint8Array) => run(() => wf.ops.write!(wf, t, data, null));
  return { io, fs, t, woken, rf, wf, ring, read, write };
}

/** A worker of another process holding fd 3 = the write end (its own memory and fd map). */
function worker(io: IoArena, wf: OpenFile) {
  const map = io.fdMap()!;
  map.set(3, wf);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const channel = 1024;
  const fast = createFastIo({ arena: io.sab, memory, channel, fdMap: map.index, owner: WORKER });
  const mem = new Uint8Array(memory.buffer);
  const kick = () => new Int32Array(memory.buffer)[(channel + CHANNEL.IO_KICK) >> 2]!;
  return { fast, mem, kick };
}

const slotBits = (io: IoArena, f: OpenFile) => io.w[IO_OFD_BASE + (f.ioSlot - 1) * IO_LAYOUT.OFD_WORDS]! & 0xf;

describe('Pipe in the I/O arena', () => {
  it('gives each end an OFD slot that follows O_NONBLOCK, and frees slots and ring with the ends', () => {
    const { io, rf, wf, ring } = setup();
    expect(rf.ioSlot).toBeGreaterThan(0);
    expect(slotBits(io, rf)).toBe(OFD_READ);
    expect(slotBits(io, wf)).toBe(OFD_WRITE);
    rf.flags |= O.NONBLOCK;
    expect(slotBits(io, rf)).toBe(OFD_READ | OFD_NONBLOCK);
    rf.flags &= ~O.NONBLOCK;
    expect(slotBits(io, rf)).toBe(OFD_READ);
    expect([ring.readers, ring.writers]).toEqual([1, 1]);
    const gen = io.w[ring.h + RING.GEN]!;
    rf.unref();
    expect(rf.ioSlot).toBe(0);
    expect(ring.readers).toBe(0);
    wf.unref();
    expect(io.w[ring.h + RING.GEN]).toBe(gen + 1); // the ring went back: stale slots no longer match
  });

  it('a reader parked on an empty pipe is woken by a worker-side write through the kick', () => {
    const { io, fs, woken, read, wf, ring } = setup();
    expect(read(new Uint8Array(10))).toBe(PARK);
    expect(ring.waiters).toBe(true);
    const w = worker(io, wf);
    w.mem.set([1, 2, 3], 100);
    expect(w.fast(SYS_WRITE, 3, 100, 3)).toBe(3);
    expect(w.kick()).toBe(ring.index + 1);
    fs.kick(w.kick() - 1);
    expect(woken.length).toBe(1);
    expect(ring.waiters).toBe(false);
    const out = new Uint8Array(10);
    expect(read(out)).toBe(3);
    expect([...out.subarray(0, 3)]).toEqual([1, 2, 3]);
  });

  it('without kernel waiters a worker-side write asks for no kick', () => {
    const { io, wf } = setup();
    const w = worker(io, wf);
    expect(w.fast(SYS_WRITE, 3, 0, 100)).toBe(100);
    expect(w.kick()).toBe(0);
  });

  it('a kernel call finding a lock held by a worker parks until the worker lets go', () => {
    const { fs, woken, read, write, ring } = setup();
    expect(write(Uint8Array.of(9, 8, 7))).toBe(3);
    expect(ring.tryLockRead(WORKER)).toBe(true);
    expect(read(new Uint8Array(4))).toBe(PARK);
    expect(ring.waiters).toBe(true);
    ring.unlockRead();
    fs.kick(ring.index); // what the worker's glue does on seeing WAITERS
    expect(woken.length).toBe(1);
    expect(read(new Uint8Array(4))).toBe(3);
  });

  it('the locks of a worker that died are dropped, and the parked caller woken', () => {
    const { io, woken, write, ring } = setup();
    expect(ring.tryLockWrite(WORKER)).toBe(true);
    expect(write(Uint8Array.of(1))).toBe(PARK);
    io.releaseOwner(WORKER);
    expect(woken.length).toBe(1);
    expect(write(Uint8Array.of(1))).toBe(1);
  });

  it('a poller makes workers kick: pollQueues sets the waiters flag before poll looks', () => {
    const { rf, ring } = setup();
    expect(ring.waiters).toBe(false);
    rf.ops.pollQueues!(rf);
    expect(ring.waiters).toBe(true);
  });

  it('a worker-side read of what the kernel wrote, then EOF is left to the kernel', () => {
    const { io, write, wf, rf } = setup();
    const map = io.fdMap()!;
    map.set(0, rf);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const fast = createFastIo({ arena: io.sab, memory, channel: 2048, fdMap: map.index, owner: WORKER });
    expect(write(Uint8Array.of(5, 6))).toBe(2);
    expect(fast(SYS_READ, 0, 64, 16)).toBe(2);
    expect([...new Uint8Array(memory.buffer, 64, 2)]).toEqual([5, 6]);
    wf.unref();
    expect(fast(SYS_READ, 0, 64, 16)).toBe(IO_KERNEL);
  });
});
