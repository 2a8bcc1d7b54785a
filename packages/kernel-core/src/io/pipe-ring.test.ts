import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { IO_OWNER_KERNEL, RING } from './io-layout.js';
import { PipeRing } from './pipe-ring.js';

const H = 32; // header at word 32, data at byte 512: offsets other than 0 catch mix-ups
const DATA = 512;

/** A ring over shared storage, its indices (HEAD and TAIL) both at `at`. */
function mk(cap = 4096, at = 0): PipeRing {
  const sab = new SharedArrayBuffer(DATA + cap * 3); // room for a second block (moveTo)
  const r = new PipeRing(new Int32Array(sab), new Uint8Array(sab), H, 3);
  r.w[H + RING.CAP] = cap;
  r.w[H + RING.DATA] = DATA;
  r.w[H + RING.HEAD] = at;
  r.w[H + RING.TAIL] = at;
  return r;
}

const bytes = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 255);

describe('PipeRing bytes', () => {
  it('push and shift across the wrap point keep order, size and free', () => {
    const r = mk(4096, 4090);
    const src = bytes(20);
    r.push(src, 0, 20);
    expect(r.size).toBe(20);
    expect(r.free).toBe(4076);
    // 6 bytes at the end of the block, 14 at its start
    expect([...r.u8.subarray(DATA + 4090, DATA + 4096)]).toEqual([...src.subarray(0, 6)]);
    expect([...r.u8.subarray(DATA, DATA + 14)]).toEqual([...src.subarray(6)]);
    expect(r.u8[DATA + 14]).toBe(0);
    const out = new Uint8Array(30);
    r.shift(out, 5, 20);
    expect([...out.subarray(5, 25)]).toEqual([...src]);
    expect(r.size).toBe(0);
    expect(r.free).toBe(4096);
    expect(r.w[H + RING.HEAD]).toBe(4110);
  });

  it('push takes a sub-range of the source', () => {
    const r = mk();
    const src = bytes(100);
    r.push(src, 10, 30);
    const out = new Uint8Array(30);
    r.shift(out, 0, 30);
    expect([...out]).toEqual([...src.subarray(10, 40)]);
  });

  it('peek copies across the wrap without consuming', () => {
    const r = mk(4096, 4000);
    const src = bytes(300, 9);
    r.push(src, 0, 300);
    const a = new Uint8Array(300);
    r.peek(a, 0, 300);
    expect([...a]).toEqual([...src]);
    expect(r.size).toBe(300);
    const b = new Uint8Array(100);
    r.shift(b, 0, 100);
    expect([...b]).toEqual([...src.subarray(0, 100)]);
    r.peek(b, 0, 100);
    expect([...b]).toEqual([...src.subarray(100, 200)]);
  });

  it('fills to capacity and keeps size right when the i32 indices wrap', () => {
    const r = mk(4096, 0x7fff_ff00);
    const src = bytes(4096, 3);
    r.push(src, 0, 4096);
    expect(r.w[H + RING.TAIL]).toBeLessThan(0); // wrapped past 2^31
    expect(r.size).toBe(4096);
    expect(r.free).toBe(0);
    const out = new Uint8Array(4096);
    r.shift(out, 0, 4096);
    expect([...out]).toEqual([...src]);
    expect(r.size).toBe(0);
  });
});

describe('PipeRing locks', () => {
  it('each side is exclusive and unlock frees it', () => {
    const r = mk();
    expect(r.tryLockRead(5)).toBe(true);
    expect(r.tryLockRead(5)).toBe(false);
    expect(r.tryLockRead(6)).toBe(false);
    expect(r.tryLockWrite(6)).toBe(true); // the other side is independent
    expect(r.tryLockWrite(5)).toBe(false);
    r.unlockRead();
    expect(r.tryLockRead(6)).toBe(true);
    r.unlockWrite();
    expect(r.tryLockWrite(IO_OWNER_KERNEL)).toBe(true);
  });

  it('tryLockBoth takes both or neither', () => {
    const r = mk();
    expect(r.tryLockWrite(7)).toBe(true);
    expect(r.tryLockBoth()).toBe(false);
    expect(r.tryLockRead(8)).toBe(true); // the read lock was given back
    r.unlockRead();
    r.unlockWrite();
    expect(r.tryLockBoth()).toBe(true);
    expect(r.w[H + RING.R_LOCK]).toBe(IO_OWNER_KERNEL);
    expect(r.w[H + RING.W_LOCK]).toBe(IO_OWNER_KERNEL);
  });

  it("releaseOwner drops only that owner's locks", () => {
    const r = mk();
    r.tryLockRead(5);
    r.tryLockWrite(6);
    const seq = r.seq;
    expect(r.releaseOwner(7)).toBe(false);
    expect(r.seq).toBe(seq);
    expect(r.releaseOwner(5)).toBe(true);
    expect(r.seq).toBe(seq + 1);
    expect(r.tryLockRead(9)).toBe(true);
    expect(r.tryLockWrite(9)).toBe(false); // still 6's
    expect(r.releaseOwner(6)).toBe(true);
    expect(r.tryLockWrite(9)).toBe(true);
    expect(r.releaseOwner(9)).toBe(true); // both of 9's
    expect(r.w[H + RING.R_LOCK]).toBe(0);
    expect(r.w[H + RING.W_LOCK]).toBe(0);
  });
});

describe('PipeRing changes', () => {
  it('changed(), push, shift and the end counts bump seq; unlock only with sleepers', () => {
    const r = mk();
    const s0 = r.seq;
    r.changed();
    expect(r.seq).toBe(s0 + 1);
    r.push(bytes(4), 0, 4);
    r.shift(new Uint8Array(4), 0, 4);
    r.readers = 1;
    r.writers = 2;
    expect(r.seq).toBe(s0 + 5);
    expect([r.readers, r.writers]).toEqual([1, 2]);
    r.tryLockRead(1);
    r.unlockRead();
    expect(r.seq).toBe(s0 + 5);
    r.w[H + RING.SLEEPERS] = 1;
    r.tryLockWrite(1);
    r.unlockWrite();
    expect(r.seq).toBe(s0 + 6);
  });

  it('sleep returns at once when seq moved on, and leaves no sleeper counted', () => {
    const r = mk();
    const seq = r.seq;
    r.changed();
    const t = performance.now();
    r.sleep(seq, 1000);
    expect(performance.now() - t).toBeLessThan(500);
    r.sleep(r.seq, 1); // times out
    expect(r.w[H + RING.SLEEPERS]).toBe(0);
  });

  it('changed() wakes a thread sleeping on SEQ', async () => {
    const r = mk();
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      const w = new Int32Array(workerData.sab);
      const seq = Atomics.load(w, workerData.seq);
      Atomics.add(w, workerData.sleepers, 1);
      parentPort.postMessage(Atomics.wait(w, workerData.seq, seq, 10000));`;
    const worker = new Worker(code, {
      eval: true,
      workerData: { sab: r.w.buffer, seq: H + RING.SEQ, sleepers: H + RING.SLEEPERS },
    });
    try {
      const result = new Promise((res) => worker.once('message', res));
      while (Atomics.load(r.w, H + RING.SLEEPERS) === 0) await new Promise((res) => setTimeout(res, 1));
      r.changed();
      expect(['ok', 'not-equal']).toContain(await result);
    } finally {
      await worker.terminate();
    }
  });

  it('waiters flag sets and clears', () => {
    const r = mk();
    expect(r.waiters).toBe(false);
    r.setWaiters();
    expect(r.waiters).toBe(true);
    expect(r.w[H + RING.WAITERS]).toBe(1);
    r.clearWaiters();
    expect(r.waiters).toBe(false);
  });
});

describe('PipeRing moveTo and standalone rings', () => {
  it('moveTo keeps wrapped contents in order in the new block, indices from 0', () => {
    const r = mk(4096, 4000);
    const src = bytes(500, 5);
    r.push(src, 0, 500);
    r.shift(new Uint8Array(100), 0, 100); // 400 left, wrapped
    const seq = r.seq;
    r.moveTo(DATA + 4096, 512);
    expect(r.capacity).toBe(512);
    expect(r.w[H + RING.DATA]).toBe(DATA + 4096);
    expect([r.w[H + RING.HEAD], r.w[H + RING.TAIL]]).toEqual([0, 400]);
    expect(r.seq).toBe(seq + 1);
    expect([...r.u8.subarray(DATA + 4096, DATA + 4096 + 40)]).toEqual([...src.subarray(100, 140)]);
  });

  it('moveTo into a bigger block: reads see the same bytes, then new ones', () => {
    const r = mk(4096, 4050);
    const src = bytes(200, 11);
    r.push(src, 0, 150);
    r.moveTo(DATA + 4096, 8192);
    r.push(src, 150, 50);
    const out = new Uint8Array(200);
    r.shift(out, 0, 200);
    expect([...out]).toEqual([...src]);
    expect(r.free).toBe(8192);
  });

  it('private() has its own storage and works as a ring', () => {
    const r = PipeRing.private(4096);
    expect(r.index).toBe(-1);
    expect([r.capacity, r.size, r.free, r.readers, r.writers]).toEqual([4096, 0, 4096, 0, 0]);
    expect(r.u8.length).toBe(4096);
    r.w[RING.HEAD] = r.w[RING.TAIL] = 4094;
    const src = bytes(10);
    expect(r.tryLockWrite(IO_OWNER_KERNEL)).toBe(true);
    r.push(src, 0, 10);
    const out = new Uint8Array(10);
    r.shift(out, 0, 10);
    expect([...out]).toEqual([...src]);
  });

  it('detached() reports the capacity, nothing in it and no ends', () => {
    const r = PipeRing.detached(65536);
    expect([r.index, r.capacity, r.size, r.free, r.readers, r.writers]).toEqual([-1, 65536, 0, 65536, 0, 0]);
    expect(r.u8.length).toBe(0);
    expect(r.tryLockBoth()).toBe(true);
  });
});
