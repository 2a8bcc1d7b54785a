import { CHANNEL } from '../abi/channel-layout.js';
import type { FdMirror } from '../fd/fd-table.js';
import type { OpenFile } from '../fd/open-file.js';
import {
  IO_DATA_BASE, IO_FDMAP_BASE, IO_LAYOUT, IO_OFD_BASE, IO_RING_BASE, ioArenaBytes, OFD_RING_SHIFT, RING,
} from './io-layout.js';
import { PipeRing } from './pipe-ring.js';

const MIN_BLOCK = 4096;

/** The size class (log2 of the block size) that holds `size` bytes. */
const sizeClass = (size: number): number => Math.ceil(Math.log2(Math.max(size, MIN_BLOCK)));

/**
 * The kernel's side of the I/O arena (io-layout.ts): allocates fd maps, OFD slots, ring headers
 * and data blocks, and dispatches the kicks workers send when the kernel has waiters on a ring.
 * When any part runs out, callers fall back to kernel-only operation (a private ring, a table
 * without a map): slower, never wrong.
 */
export class IoArena {
  readonly sab: SharedArrayBuffer;
  readonly w: Int32Array;
  readonly u8: Uint8Array;
  private readonly freeMaps: number[] = [];
  private readonly freeOfds: number[] = [];
  private readonly freeRings: number[] = [];
  /** Free data blocks by size class (log2 of the size). */
  private readonly freeBlocks = new Map<number, number[]>();
  private bump = IO_DATA_BASE;
  /** Live rings and what a kick on each does (wake the pipe's waiters). */
  private readonly live = new Map<number, { ring: PipeRing; kick: () => void }>();
  /** Freed rings a worker still held a lock on: retried before the next allocation. */
  private readonly dying = new Set<PipeRing>();
  private nextOwner = 0;

  constructor(readonly dataBytes: number = IO_LAYOUT.DATA_BYTES) {
    this.sab = new SharedArrayBuffer(ioArenaBytes(dataBytes));
    this.w = new Int32Array(this.sab);
    this.u8 = new Uint8Array(this.sab);
    // Handed out oldest-freed first (shift, push): a worker still running on a map, slot or ring
    // its process gave back (it is being terminated) finds it unused for as long as possible.
    for (let i = 0; i < IO_LAYOUT.FD_MAPS; i++) this.freeMaps.push(i);
    for (let i = 0; i < IO_LAYOUT.OFD_SLOTS; i++) this.freeOfds.push(i);
    for (let i = 0; i < IO_LAYOUT.RINGS; i++) this.freeRings.push(i);
  }

  /**
   * A lock owner id for a new worker thread: positive, and reused only after 2^31 - 2 others
   * (a worker's locks are dropped when it is gone, long before).
   */
  owner(): number {
    this.nextOwner = this.nextOwner >= 0x7fff_fffe ? 1 : this.nextOwner + 1;
    return this.nextOwner;
  }

  /** A map mirroring a descriptor table for the workers, or undefined when none is free. */
  fdMap(): FdMirror | undefined {
    const index = this.freeMaps.shift();
    if (index === undefined) return undefined;
    const base = IO_FDMAP_BASE + index * IO_LAYOUT.FDS_PER_MAP;
    const w = this.w;
    w.fill(0, base, base + IO_LAYOUT.FDS_PER_MAP);
    return {
      index,
      set(fd: number, file: OpenFile | undefined): void {
        if (fd < IO_LAYOUT.FDS_PER_MAP) Atomics.store(w, base + fd, file?.ioSlot ?? 0);
      },
      release: () => {
        w.fill(0, base, base + IO_LAYOUT.FDS_PER_MAP);
        this.freeMaps.push(index);
      },
    };
  }

  /** An OFD slot (1-based) for a pipe end: `bits` are OFD_READ/WRITE/NONBLOCK. 0: none free. */
  ofd(ring: PipeRing, bits: number): number {
    if (ring.index < 0) return 0;
    const i = this.freeOfds.shift();
    if (i === undefined) return 0;
    const at = IO_OFD_BASE + i * IO_LAYOUT.OFD_WORDS;
    Atomics.store(this.w, at + 1, this.w[ring.h + RING.GEN]!);
    Atomics.store(this.w, at, ((ring.index + 1) << OFD_RING_SHIFT) | bits);
    return i + 1;
  }

  /** Changes an OFD slot's status bits (O_NONBLOCK set or cleared). */
  setOfdBits(slot: number, bits: number): void {
    const at = IO_OFD_BASE + (slot - 1) * IO_LAYOUT.OFD_WORDS;
    const v = this.w[at]!;
    Atomics.store(this.w, at, (v & ~((1 << OFD_RING_SHIFT) - 1)) | bits);
  }

  freeOfd(slot: number): void {
    Atomics.store(this.w, IO_OFD_BASE + (slot - 1) * IO_LAYOUT.OFD_WORDS, 0);
    this.freeOfds.push(slot - 1);
  }

  /** A ring of `capacity` bytes (a power of two) in the arena; undefined when none is left. */
  ring(capacity: number, kick: () => void): PipeRing | undefined {
    this.reap();
    if (this.freeRings.length === 0) return undefined;
    const data = this.block(capacity);
    if (data < 0) return undefined;
    const index = this.freeRings.shift()!;
    const h = IO_RING_BASE + index * IO_LAYOUT.RING_WORDS;
    const w = this.w;
    const gen = w[h + RING.GEN]!;
    w.fill(0, h, h + IO_LAYOUT.RING_WORDS);
    w[h + RING.GEN] = gen;
    w[h + RING.CAP] = capacity;
    w[h + RING.DATA] = data;
    const ring = new PipeRing(w, this.u8, h, index);
    this.live.set(index, { ring, kick });
    return ring;
  }

  /**
   * Gives a ring back. Its generation changes first, under both locks, so a worker that took a
   * lock on it through a stale slot sees that and backs off; if a worker holds a lock now the ring
   * waits in `dying` until the lock is dropped.
   */
  freeRing(ring: PipeRing): void {
    if (ring.index < 0) return;
    this.live.delete(ring.index);
    if (!this.retire(ring)) this.dying.add(ring);
  }

  /** Moves a ring's contents to a new block of `capacity` bytes; false when there is no room. */
  resize(ring: PipeRing, capacity: number): boolean {
    const data = this.block(capacity);
    if (data < 0) return false;
    const old = ring.w[ring.h + RING.DATA]!;
    const oldCap = ring.capacity;
    ring.moveTo(data, capacity);
    this.release(old, oldCap);
    return true;
  }

  /** A worker's kick: the kernel has waiters on the ring (see RING.WAITERS). */
  kick(index: number): void {
    this.live.get(index)?.kick();
  }

  /**
   * The kernel asked a thread for attention (a signal, a stop): if its worker sleeps on a pipe
   * ring in `kandelo.io` (CHANNEL.IO_WAIT in its channel), wake it so it enters the kernel.
   */
  wakeWaiter(mem: Int32Array, channel: number): void {
    const r = Atomics.load(mem, (channel + CHANNEL.IO_WAIT) >> 2);
    if (r > 0) this.live.get(r - 1)?.ring.changed();
  }

  /** A worker is gone: drops any lock it held and wakes whoever waited for it. */
  releaseOwner(owner: number): void {
    for (const { ring, kick } of this.live.values()) if (ring.releaseOwner(owner)) kick();
    for (const ring of this.dying) ring.releaseOwner(owner);
    this.reap();
  }

  private reap(): void {
    for (const ring of this.dying) if (this.retire(ring)) this.dying.delete(ring);
  }

  private retire(ring: PipeRing): boolean {
    if (!ring.tryLockBoth()) return false;
    const w = this.w;
    Atomics.store(w, ring.h + RING.GEN, (w[ring.h + RING.GEN]! + 1) | 0);
    this.release(w[ring.h + RING.DATA]!, ring.capacity);
    ring.unlockWrite();
    ring.unlockRead();
    this.freeRings.push(ring.index);
    return true;
  }

  /** A data block of at least `size` bytes (rounded up to a power of two >= 4096): offset, or -1. */
  private block(size: number): number {
    const k = sizeClass(size);
    const list = this.freeBlocks.get(k);
    if (list?.length) return list.pop()!;
    if (this.bump + 2 ** k > this.sab.byteLength) return -1;
    const at = this.bump;
    this.bump += 2 ** k;
    return at;
  }

  private release(at: number, size: number): void {
    const k = sizeClass(size);
    let list = this.freeBlocks.get(k);
    if (!list) this.freeBlocks.set(k, (list = []));
    list.push(at);
  }
}
