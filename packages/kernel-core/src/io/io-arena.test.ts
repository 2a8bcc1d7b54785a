import { describe, expect, it } from 'vitest';
import { CHANNEL } from '../abi/channel-layout.js';
import { FdTable } from '../fd/fd-table.js';
import { type FileOps, OpenFile } from '../fd/open-file.js';
import { IoArena } from './io-arena.js';
import {
  IO_DATA_BASE, IO_FDMAP_BASE, IO_LAYOUT, IO_OFD_BASE, IO_OWNER_KERNEL, IO_RING_BASE, OFD_NONBLOCK, OFD_READ,
  OFD_RING_SHIFT, OFD_WRITE, RING,
} from './io-layout.js';
import { PipeRing } from './pipe-ring.js';

const noop = (): void => {};
const dataOf = (r: PipeRing): number => r.w[r.h + RING.DATA]!;
const genOf = (r: PipeRing): number => r.w[r.h + RING.GEN]!;
/** Room for a 4 KiB ring at every index. */
const BIG = (IO_LAYOUT.RINGS + 4) * 4096;
/** Allocates rings until one gets `index` (whatever order the arena hands indices out in). */
function ringAt(a: IoArena, index: number): PipeRing | undefined {
  for (;;) {
    const r = a.ring(4096, noop);
    if (!r || r.index === index) return r;
  }
}
const bytes = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 13 + seed) & 255);

describe('IoArena rings', () => {
  it('gives distinct headers and non-overlapping data blocks', () => {
    const a = new IoArena(1 << 20);
    const rings = [a.ring(4096, noop)!, a.ring(65536, noop)!, a.ring(4096, noop)!, a.ring(8192, noop)!];
    expect(new Set(rings.map((r) => r.index)).size).toBe(4);
    const spans = rings.map((r) => [dataOf(r), dataOf(r) + r.capacity] as const).sort((x, y) => x[0] - y[0]);
    expect(spans[0]![0]).toBeGreaterThanOrEqual(IO_DATA_BASE);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    expect(spans.at(-1)![1]).toBeLessThanOrEqual(a.sab.byteLength);
    for (const r of rings) {
      expect(r.h).toBe(IO_RING_BASE + r.index * IO_LAYOUT.RING_WORDS);
      expect([r.size, r.readers, r.writers, r.waiters]).toEqual([0, 0, 0, false]);
    }
  });

  it('freeRing bumps the generation; the block goes to the next ring of that size', () => {
    const a = new IoArena(BIG);
    const r = a.ring(4096, noop)!;
    const [index, data, gen] = [r.index, dataOf(r), genOf(r)];
    r.readers = 1;
    r.push(bytes(10), 0, 10);
    a.freeRing(r);
    expect(genOf(r)).toBe(gen + 1);
    expect([r.w[r.h + RING.R_LOCK], r.w[r.h + RING.W_LOCK]]).toEqual([0, 0]);
    const big = a.ring(8192, noop)!; // another size class: not the freed block
    expect(dataOf(big)).not.toBe(data);
    const again = a.ring(4096, noop)!;
    expect(dataOf(again)).toBe(data);
    const same = [big, again].find((x) => x.index === index) ?? ringAt(a, index)!;
    expect(same.index).toBe(index);
    expect(genOf(same)).toBe(gen + 1); // kept, so stale OFD slots stay stale
    expect([same.size, same.readers]).toEqual([0, 0]);
  });

  it('a ring freed while a worker holds a lock is not handed out again before releaseOwner', () => {
    const a = new IoArena(BIG);
    const owner = a.owner();
    const r = a.ring(4096, noop)!;
    const gen = genOf(r);
    expect(r.tryLockWrite(owner)).toBe(true);
    a.freeRing(r);
    expect(genOf(r)).toBe(gen); // not retired yet
    expect(dataOf(a.ring(4096, noop)!)).not.toBe(dataOf(r)); // nor its block
    const seen = new Set<number>();
    for (let x; (x = a.ring(4096, noop)); ) seen.add(x.index);
    expect(seen.size).toBe(IO_LAYOUT.RINGS - 2); // every index but r's (and the one above)
    expect(seen.has(r.index)).toBe(false);
    a.releaseOwner(owner + 1); // someone else: still held
    expect(a.ring(4096, noop)).toBeUndefined();
    a.releaseOwner(owner);
    expect(genOf(r)).toBe(gen + 1);
    expect(r.w[r.h + RING.W_LOCK]).toBe(0);
    const back = a.ring(4096, noop)!;
    expect(back.index).toBe(r.index);
    expect(dataOf(back)).toBe(dataOf(r));
  });

  it('a dying ring whose lock is dropped normally is reaped by the next allocation', () => {
    const a = new IoArena(1 << 20);
    const r = a.ring(4096, noop)!;
    const gen = genOf(r);
    r.tryLockRead(a.owner());
    a.freeRing(r);
    r.unlockRead();
    expect(genOf(r)).toBe(gen);
    const next = a.ring(4096, noop)!;
    expect(genOf(r)).toBe(gen + 1);
    expect(dataOf(next)).toBe(dataOf(r));
  });

  it('resize keeps wrapped contents and frees the old block', () => {
    const a = new IoArena(1 << 20);
    const r = a.ring(4096, noop)!;
    const old = dataOf(r);
    r.w[r.h + RING.HEAD] = r.w[r.h + RING.TAIL] = 4000;
    const src = bytes(300);
    r.push(src, 0, 300);
    expect(r.tryLockBoth()).toBe(true);
    expect(a.resize(r, 16384)).toBe(true);
    r.unlockWrite();
    r.unlockRead();
    expect([r.capacity, r.size]).toEqual([16384, 300]);
    expect(dataOf(r)).not.toBe(old);
    const out = new Uint8Array(300);
    r.shift(out, 0, 300);
    expect([...out]).toEqual([...src]);
    expect(dataOf(a.ring(4096, noop)!)).toBe(old);
  });

  it('runs out of data bytes: ring() undefined, resize false, until a block comes back', () => {
    const a = new IoArena(16384);
    const r1 = a.ring(8192, noop)!;
    const r2 = a.ring(4096, noop)!;
    expect(a.ring(8192, noop)).toBeUndefined();
    r2.push(bytes(5), 0, 5);
    expect(a.resize(r2, 8192)).toBe(false);
    expect([r2.capacity, r2.size]).toEqual([4096, 5]);
    expect(a.ring(4096, noop)).toBeDefined();
    expect(a.ring(4096, noop)).toBeUndefined();
    expect(a.ring(65536, noop)).toBeUndefined();
    a.freeRing(r1);
    expect(a.ring(8192, noop)).toBeDefined();
  });

  it('kick(index) calls that ring\'s callback while it lives', () => {
    const a = new IoArena(1 << 20);
    const kicks: string[] = [];
    const r = a.ring(4096, () => kicks.push('r'))!;
    const s = a.ring(4096, () => kicks.push('s'))!;
    a.kick(s.index);
    a.kick(r.index);
    a.kick(IO_LAYOUT.RINGS - 1);
    expect(kicks).toEqual(['s', 'r']);
    a.freeRing(r);
    a.kick(r.index);
    expect(kicks).toEqual(['s', 'r']);
  });

  it('releaseOwner kicks only the rings whose lock it dropped', () => {
    const a = new IoArena(1 << 20);
    const kicks: number[] = [];
    const rs = [0, 1, 2].map((i) => a.ring(4096, () => kicks.push(i))!);
    const [w1, w2] = [a.owner(), a.owner()];
    expect(w1).toBeGreaterThan(0);
    expect(w2).not.toBe(w1);
    rs[0]!.tryLockRead(w1);
    rs[1]!.tryLockRead(w2);
    rs[2]!.tryLockWrite(w1);
    a.releaseOwner(w1);
    expect(kicks.sort()).toEqual([0, 2]);
    expect(rs[1]!.w[rs[1]!.h + RING.R_LOCK]).toBe(w2);
    expect(rs[0]!.tryLockRead(IO_OWNER_KERNEL)).toBe(true);
  });
});

describe('IoArena OFD slots and fd maps', () => {
  it('ofd() writes ring + 1, bits and generation; setOfdBits and freeOfd', () => {
    const a = new IoArena(1 << 20);
    const r = a.ring(4096, noop)!;
    const slot = a.ofd(r, OFD_READ);
    const at = IO_OFD_BASE + (slot - 1) * IO_LAYOUT.OFD_WORDS;
    expect(slot).toBeGreaterThan(0);
    expect(a.w[at]).toBe(((r.index + 1) << OFD_RING_SHIFT) | OFD_READ);
    expect(a.w[at + 1]).toBe(genOf(r));
    a.setOfdBits(slot, OFD_WRITE | OFD_NONBLOCK);
    expect(a.w[at]).toBe(((r.index + 1) << OFD_RING_SHIFT) | OFD_WRITE | OFD_NONBLOCK);
    a.freeOfd(slot);
    expect(a.w[at]).toBe(0);
    const slots = new Set<number>();
    for (let x; (x = a.ofd(r, OFD_WRITE)); ) slots.add(x);
    expect(slots.size).toBe(IO_LAYOUT.OFD_SLOTS);
    expect(slots.has(slot)).toBe(true); // it went back to the pool
    expect(a.ofd(PipeRing.private(4096), OFD_READ)).toBe(0);
  });

  it('fdMap() runs out after FD_MAPS maps; a released map comes back zeroed', () => {
    const a = new IoArena(4096);
    const maps = Array.from({ length: IO_LAYOUT.FD_MAPS }, () => a.fdMap()!);
    expect(new Set(maps.map((m) => m.index)).size).toBe(IO_LAYOUT.FD_MAPS);
    expect(a.fdMap()).toBeUndefined();
    const m = maps[7]!;
    const f = new OpenFile({} as FileOps, 0, 'p');
    f.ioSlot = 42;
    m.set(3, f);
    expect(a.w[IO_FDMAP_BASE + m.index * IO_LAYOUT.FDS_PER_MAP + 3]).toBe(42);
    m.release();
    expect(a.w[IO_FDMAP_BASE + m.index * IO_LAYOUT.FDS_PER_MAP + 3]).toBe(0);
    const back = a.fdMap()!; // the only one free
    expect(back.index).toBe(m.index);
    expect(a.w[IO_FDMAP_BASE + back.index * IO_LAYOUT.FDS_PER_MAP + 3]).toBe(0);
  });

  it('an FdTable with a mirror keeps the map words in step', () => {
    const a = new IoArena(4096);
    const ops: FileOps = { seekable: false, stat: () => ({}) as never };
    const file = (slot: number): OpenFile => Object.assign(new OpenFile(ops, 0, 'p'), { ioSlot: slot });
    const t = new FdTable(IO_LAYOUT.FDS_PER_MAP + 8);
    t.alloc(file(0)); // fd 0: not a pipe end
    t.alloc(file(5)); // fd 1, before the mirror exists
    const m = a.fdMap()!;
    const word = (fd: number): number => a.w[IO_FDMAP_BASE + m.index * IO_LAYOUT.FDS_PER_MAP + fd]!;
    t.attachMirror(m);
    expect([word(0), word(1)]).toEqual([0, 5]);
    expect(t.alloc(file(9))).toBe(2);
    expect(word(2)).toBe(9);
    t.set(0, t.get(2).ref()); // dup2(2, 0)
    expect(word(0)).toBe(9);
    t.set(IO_LAYOUT.FDS_PER_MAP, file(11)); // past the map: kernel only, nothing written
    expect(word(IO_LAYOUT.FDS_PER_MAP - 1)).toBe(0);
    t.close(1);
    expect(word(1)).toBe(0);
    t.closeAll();
    expect([word(0), word(2)]).toEqual([0, 0]);
    expect(t.mirror).toBeUndefined();
    const maps = new Set<number>();
    for (let x; (x = a.fdMap()); ) maps.add(x.index);
    expect(maps.size).toBe(IO_LAYOUT.FD_MAPS);
    expect(maps.has(m.index)).toBe(true); // the map went back
  });
});

describe('IoArena.wakeWaiter', () => {
  it('bumps SEQ of the ring named by CHANNEL.IO_WAIT, and nothing else', () => {
    const a = new IoArena(1 << 20);
    const r = a.ring(4096, noop)!;
    const s = a.ring(4096, noop)!;
    const mem = new Int32Array(new SharedArrayBuffer(8192));
    const channel = 1024;
    const [rs, ss] = [r.seq, s.seq];
    a.wakeWaiter(mem, channel); // IO_WAIT 0: not sleeping on a ring
    expect([r.seq, s.seq]).toEqual([rs, ss]);
    mem[(channel + CHANNEL.IO_WAIT) >> 2] = s.index + 1;
    a.wakeWaiter(mem, channel);
    expect([r.seq, s.seq]).toEqual([rs, ss + 1]);
    mem[(channel + CHANNEL.IO_WAIT) >> 2] = IO_LAYOUT.RINGS + 1; // out of range: ignored
    a.wakeWaiter(mem, channel);
    expect([r.seq, s.seq]).toEqual([rs, ss + 1]);
  });
});

describe('IoArena data blocks', () => {
  it('a ring asked for less than a page gets a whole page, so a reused block never overlaps another', () => {
    const a = new IoArena(1 << 20);
    const small = a.ring(1024, noop)!;
    const b = a.ring(4096, noop)!;
    a.freeRing(small);
    const c = a.ring(4096, noop)!;
    b.tryLockWrite(1);
    b.push(new Uint8Array(10).fill(7), 0, 10);
    b.unlockWrite();
    c.tryLockWrite(1);
    c.push(new Uint8Array(4096).fill(9), 0, 4096);
    c.unlockWrite();
    const out = new Uint8Array(10);
    b.tryLockRead(1);
    b.shift(out, 0, 10);
    expect([...out]).toEqual(new Array(10).fill(7));
  });
});
