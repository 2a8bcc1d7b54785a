import { E } from '@kandelo/kernel-core';

/** Bytes per chunk: a power of two, so aligned I/O (4 KiB .. 1 MiB) never straddles two chunks. */
export const CHUNK_SIZE = 1 << 20;
/** First allocation of a small file, so a run of tiny appends does not reallocate each time. */
const MIN_CAPACITY = 256;

/**
 * A file's bytes as a list of 1 MiB chunks. Chunk 0 starts small and grows by doubling (small
 * files stay small); every later chunk is allocated whole. Compared with one contiguous buffer
 * that doubles, growth never recopies the file, no single allocation exceeds 1 MiB (engine
 * typed-array limits and fragmentation stop mattering), and holes cost nothing: a missing chunk,
 * or the part of chunk 0 not yet grown, reads as zeros. Invariant: every allocated byte at or
 * beyond `length` is zero, so extending the file never has to clear anything.
 */
export class ChunkedBytes {
  private chunks: (Uint8Array | undefined)[] = [];
  /** Logical size; may run past the allocated chunks (a truncate up, a sparse write). */
  length = 0;

  /** Copies up to out.length bytes from `pos`; the count (0 at or past the end). */
  read(out: Uint8Array, pos: number): number {
    if (pos >= this.length) return 0;
    const n = Math.min(out.length, this.length - pos);
    let done = 0;
    while (done < n) {
      const p = pos + done;
      const i = Math.floor(p / CHUNK_SIZE);
      const o = p - i * CHUNK_SIZE;
      const k = Math.min(CHUNK_SIZE - o, n - done);
      const c = this.chunks[i];
      const have = c === undefined ? 0 : Math.max(0, Math.min(k, c.length - o));
      if (have > 0) out.set((c as Uint8Array).subarray(o, o + have), done);
      if (have < k) out.fill(0, done + have, done + k);
      done += k;
    }
    return n;
  }

  /**
   * Stores all of `src` at `pos`, growing the length to cover it. Memory is claimed before any
   * byte is copied: when the engine refuses (ENOSPC) the content is unchanged.
   */
  write(src: Uint8Array, pos: number): void {
    const n = src.length;
    if (n === 0) return;
    const end = pos + n;
    const last = Math.floor((end - 1) / CHUNK_SIZE);
    for (let i = Math.floor(pos / CHUNK_SIZE); i <= last; i++) {
      this.reserve(i, i === last ? end - i * CHUNK_SIZE : CHUNK_SIZE);
    }
    let done = 0;
    while (done < n) {
      const p = pos + done;
      const i = Math.floor(p / CHUNK_SIZE);
      const o = p - i * CHUNK_SIZE;
      const k = Math.min(CHUNK_SIZE - o, n - done);
      (this.chunks[i] as Uint8Array).set(k === n ? src : src.subarray(done, done + k), o);
      done += k;
    }
    if (end > this.length) this.length = end;
  }

  /** Sets the length: extending only moves it (the new bytes are zero already); shrinking drops or clears the cut-off part. */
  truncate(size: number): void {
    if (size < this.length) this.cut(size);
    this.length = size;
  }

  /** Bytes of memory held (for tests and accounting curiosity; not what st_blocks reports). */
  allocated(): number {
    let sum = 0;
    for (const c of this.chunks) if (c) sum += c.length;
    return sum;
  }

  private cut(size: number): void {
    if (size === 0) {
      this.chunks = [];
      return;
    }
    const keep = Math.ceil(size / CHUNK_SIZE);
    if (this.chunks.length > keep) this.chunks.length = keep;
    const i = keep - 1;
    const c = this.chunks[i];
    const o = size - i * CHUNK_SIZE;
    if (c === undefined || o >= c.length) return;
    // A small file that shrank a lot gives its memory back; otherwise clear the cut-off tail.
    if (i === 0 && o <= c.length >>> 2) {
      const smaller = new Uint8Array(Math.max(o, MIN_CAPACITY));
      smaller.set(c.subarray(0, o));
      this.chunks[0] = smaller;
    } else {
      c.fill(0, o);
    }
  }

  /** Makes chunk `i` hold at least `need` bytes. */
  private reserve(i: number, need: number): void {
    const c = this.chunks[i];
    if (c !== undefined && c.length >= need) return;
    const size = i === 0 ? Math.min(CHUNK_SIZE, Math.max(need, (c?.length ?? 0) * 2, MIN_CAPACITY)) : CHUNK_SIZE;
    let next: Uint8Array;
    try {
      next = new Uint8Array(size);
    } catch {
      // The engine cannot give more memory: for the guest the filesystem is full.
      throw E.ENOSPC;
    }
    if (c !== undefined) next.set(c);
    this.chunks[i] = next;
  }
}
