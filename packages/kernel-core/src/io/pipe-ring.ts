import { IO_OWNER_KERNEL, RING } from './io-layout.js';

/**
 * A pipe's byte ring as both sides see it: a header of i32 words (at word `h` of `w`) and a data
 * block (at byte DATA of `u8`). The kernel and the process workers use the same code. Bytes move
 * under a lock, the reader's (HEAD) or the writer's (TAIL), so one reader and one writer copy at
 * once; HEAD and TAIL are stored after the copy, so the other side never sees bytes that are not
 * there yet. A lock is only ever held for one copy of at most IO_CHUNK bytes.
 *
 * A ring outside the arena (none free) uses private views; it then serves the kernel alone.
 */
export class PipeRing {
  constructor(
    readonly w: Int32Array,
    readonly u8: Uint8Array,
    /** First header word. */
    readonly h: number,
    /** Index in the arena, or -1 for a private ring. */
    readonly index: number,
  ) {}

  /** A ring with its own storage, outside any arena (`bytes` 0: none yet, see detached). */
  static private(capacity: number, bytes = capacity): PipeRing {
    const r = new PipeRing(new Int32Array(RING.SLEEPERS + 1), new Uint8Array(bytes), 0, -1);
    r.w[RING.CAP] = capacity;
    return r;
  }

  /** A stand-in for a ring given back (no end open): counts zero, no storage. */
  static detached(capacity: number): PipeRing {
    return PipeRing.private(capacity, 0);
  }

  get size(): number {
    return (Atomics.load(this.w, this.h + RING.TAIL) - Atomics.load(this.w, this.h + RING.HEAD)) | 0;
  }

  get capacity(): number {
    return this.w[this.h + RING.CAP]!;
  }

  get free(): number {
    return this.capacity - this.size;
  }

  get readers(): number {
    return this.w[this.h + RING.READERS]!;
  }

  set readers(n: number) {
    Atomics.store(this.w, this.h + RING.READERS, n);
    this.changed();
  }

  get writers(): number {
    return this.w[this.h + RING.WRITERS]!;
  }

  set writers(n: number) {
    Atomics.store(this.w, this.h + RING.WRITERS, n);
    this.changed();
  }

  /** The futex word waiting workers sleep on (see RING.SEQ). */
  get seq(): number {
    return Atomics.load(this.w, this.h + RING.SEQ);
  }

  /** Tells sleeping workers the ring changed: they look again. */
  changed(): void {
    Atomics.add(this.w, this.h + RING.SEQ, 1);
    if (Atomics.load(this.w, this.h + RING.SLEEPERS) !== 0) Atomics.notify(this.w, this.h + RING.SEQ);
  }

  /**
   * Sleeps until the ring changes from `seq` (or `ms` pass); a worker only (the kernel parks).
   * The caller looked at the ring after reading `seq`, so no change can slip in between.
   */
  sleep(seq: number, ms: number): void {
    Atomics.add(this.w, this.h + RING.SLEEPERS, 1);
    Atomics.wait(this.w, this.h + RING.SEQ, seq, ms);
    Atomics.sub(this.w, this.h + RING.SLEEPERS, 1);
  }

  tryLockRead(owner: number): boolean {
    return Atomics.compareExchange(this.w, this.h + RING.R_LOCK, 0, owner) === 0;
  }

  tryLockWrite(owner: number): boolean {
    return Atomics.compareExchange(this.w, this.h + RING.W_LOCK, 0, owner) === 0;
  }

  // A sleeper may wait for the lock itself (it found it taken): dropping it counts as a change.
  unlockRead(): void {
    Atomics.store(this.w, this.h + RING.R_LOCK, 0);
    if (Atomics.load(this.w, this.h + RING.SLEEPERS) !== 0) this.changed();
  }

  unlockWrite(): void {
    Atomics.store(this.w, this.h + RING.W_LOCK, 0);
    if (Atomics.load(this.w, this.h + RING.SLEEPERS) !== 0) this.changed();
  }

  /** Releases the locks `owner` holds (a worker that died holding one copied nothing visible). */
  releaseOwner(owner: number): boolean {
    const r = Atomics.compareExchange(this.w, this.h + RING.R_LOCK, owner, 0) === owner;
    const w = Atomics.compareExchange(this.w, this.h + RING.W_LOCK, owner, 0) === owner;
    if (r || w) this.changed();
    return r || w;
  }

  /** Marks that the kernel has waiters: a worker that moves data or drops a lock then kicks. */
  setWaiters(): void {
    Atomics.store(this.w, this.h + RING.WAITERS, 1);
  }

  clearWaiters(): void {
    Atomics.store(this.w, this.h + RING.WAITERS, 0);
  }

  get waiters(): boolean {
    return Atomics.load(this.w, this.h + RING.WAITERS) !== 0;
  }

  /** Appends src[from, from+n); the writer lock is held and n <= free. */
  push(src: Uint8Array, from: number, n: number): void {
    const w = this.w;
    const cap = w[this.h + RING.CAP]!;
    const data = w[this.h + RING.DATA]!;
    const tail = w[this.h + RING.TAIL]!;
    const at = tail & (cap - 1);
    const first = n < cap - at ? n : cap - at;
    this.u8.set(from === 0 && first === src.length ? src : src.subarray(from, from + first), data + at);
    if (first < n) this.u8.set(src.subarray(from + first, from + n), data);
    Atomics.store(w, this.h + RING.TAIL, (tail + n) | 0);
    this.changed();
  }

  /** Copies the n oldest bytes to out[to, to+n) and keeps them; the reader lock is held, n <= size. */
  peek(out: Uint8Array, to: number, n: number): void {
    const w = this.w;
    const cap = w[this.h + RING.CAP]!;
    const data = w[this.h + RING.DATA]!;
    const at = w[this.h + RING.HEAD]! & (cap - 1);
    const first = n < cap - at ? n : cap - at;
    out.set(this.u8.subarray(data + at, data + at + first), to);
    if (first < n) out.set(this.u8.subarray(data, data + n - first), to + first);
  }

  /** Moves the n oldest bytes to out[to, to+n); the reader lock is held, n <= size. */
  shift(out: Uint8Array, to: number, n: number): void {
    this.peek(out, to, n);
    Atomics.store(this.w, this.h + RING.HEAD, (this.w[this.h + RING.HEAD]! + n) | 0);
    this.changed();
  }

  /**
   * Moves the contents to a new data block at byte `data` of capacity `cap` (both locks held by
   * the caller, cap >= size); the indices restart at 0.
   */
  moveTo(data: number, cap: number, scratch: Uint8Array = new Uint8Array(this.size)): void {
    const n = this.size;
    this.peek(scratch, 0, n);
    this.u8.set(scratch.subarray(0, n), data);
    const w = this.w;
    w[this.h + RING.DATA] = data;
    w[this.h + RING.CAP] = cap;
    Atomics.store(w, this.h + RING.HEAD, 0);
    Atomics.store(w, this.h + RING.TAIL, n);
    this.changed();
  }

  /** Takes both locks for the kernel, or neither. */
  tryLockBoth(): boolean {
    if (!this.tryLockRead(IO_OWNER_KERNEL)) return false;
    if (this.tryLockWrite(IO_OWNER_KERNEL)) return true;
    this.unlockRead();
    return false;
  }
}
