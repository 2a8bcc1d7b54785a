const EMPTY = new Uint8Array(0);

/**
 * A bounded FIFO of bytes: the storage of a pipe. Copies in and out are TypedArray.set calls
 * straight between the caller's view (process memory) and the ring, at most two per transfer
 * (one per side of the wrap). The storage is allocated on first use, so idle pipes cost nothing.
 */
export class ByteRing {
  private buf = EMPTY;
  /** Index of the oldest byte. */
  private head = 0;
  private len = 0;

  constructor(private cap: number) {}

  /** Bytes stored. */
  get size(): number {
    return this.len;
  }

  get capacity(): number {
    return this.cap;
  }

  get free(): number {
    return this.cap - this.len;
  }

  /** Appends src[from, from+n); the caller guarantees n <= free. */
  push(src: Uint8Array, from: number, n: number): void {
    if (this.buf.length !== this.cap) this.buf = new Uint8Array(this.cap);
    const cap = this.cap;
    let tail = this.head + this.len;
    if (tail >= cap) tail -= cap;
    const first = Math.min(n, cap - tail);
    // Passing the caller's view whole saves creating a subarray (the common write(fd, buf, n)).
    this.buf.set(from === 0 && first === src.length ? src : src.subarray(from, from + first), tail);
    if (first < n) this.buf.set(src.subarray(from + first, from + n), 0);
    this.len += n;
  }

  /** Copies the n oldest bytes to out[to, to+n) and keeps them; the caller guarantees n <= size. */
  peek(out: Uint8Array, to: number, n: number): void {
    const head = this.head;
    const first = Math.min(n, this.cap - head);
    out.set(this.buf.subarray(head, head + first), to);
    if (first < n) out.set(this.buf.subarray(0, n - first), to + first);
  }

  /** Moves the n oldest bytes to out[to, to+n); the caller guarantees n <= size. */
  shift(out: Uint8Array, to: number, n: number): void {
    const cap = this.cap;
    const head = this.head;
    this.peek(out, to, n);
    this.len -= n;
    // Restarting at 0 once empty keeps later transfers in one piece.
    this.head = this.len === 0 ? 0 : (head + n) % cap;
  }

  /** Changes the capacity, keeping the contents; the caller guarantees capacity >= size. */
  resize(capacity: number): void {
    if (capacity === this.cap) return;
    const n = this.len;
    if (n === 0) {
      this.buf = EMPTY;
    } else {
      const next = new Uint8Array(capacity);
      this.shift(next, 0, n);
      this.buf = next;
      this.len = n;
    }
    this.head = 0;
    this.cap = capacity;
  }
}
