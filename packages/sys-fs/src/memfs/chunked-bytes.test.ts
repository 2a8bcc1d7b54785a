import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, ChunkedBytes } from './chunked-bytes.js';

/** A deterministic, position-dependent pattern, so a misplaced copy shows. */
function pattern(n: number, seed = 1): Uint8Array {
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i++) a[i] = (i * 31 + seed) & 0xff;
  return a;
}

/** Byte equality without a deep-equal over megabytes. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe('ChunkedBytes', () => {
  it('round-trips a write that straddles chunk boundaries', () => {
    const b = new ChunkedBytes();
    const data = pattern(CHUNK_SIZE * 2 + 100);
    const pos = CHUNK_SIZE - 50;
    b.write(data, pos);
    expect(b.length).toBe(pos + data.length);
    const out = new Uint8Array(data.length);
    expect(b.read(out, pos)).toBe(data.length);
    expect(same(out, data)).toBe(true);
    // The hole before it reads as zeros, across the straddle into the data.
    const head = new Uint8Array(100).fill(0xee);
    expect(b.read(head, pos - 60)).toBe(100);
    expect([...head.subarray(0, 60)].every((x) => x === 0)).toBe(true);
    expect(same(head.subarray(60), data.subarray(0, 40))).toBe(true);
  });

  it('keeps small files small, and allocates nothing for a hole', () => {
    const b = new ChunkedBytes();
    b.write(pattern(10), 0);
    expect(b.allocated()).toBe(256);
    b.write(pattern(1000), 10);
    expect(b.allocated()).toBe(1010); // past double: exactly what is needed
    b.write(pattern(1), 1010);
    expect(b.allocated()).toBe(2020); // then doubling again
    b.truncate(10 * CHUNK_SIZE);
    expect(b.allocated()).toBe(2020);
    b.write(pattern(1), 5 * CHUNK_SIZE);
    expect(b.allocated()).toBe(2020 + CHUNK_SIZE);
    const out = new Uint8Array(CHUNK_SIZE + 10).fill(9);
    expect(b.read(out, 4 * CHUNK_SIZE)).toBe(CHUNK_SIZE + 10);
    expect(out.every((x, i) => x === (i === CHUNK_SIZE ? pattern(1)[0] : 0))).toBe(true);
  });

  it('shrinking drops whole chunks and clears the cut-off tail of the last one', () => {
    const b = new ChunkedBytes();
    b.write(new Uint8Array(3 * CHUNK_SIZE).fill(7), 0);
    b.truncate(CHUNK_SIZE + 5);
    expect(b.allocated()).toBe(2 * CHUNK_SIZE);
    b.truncate(3 * CHUNK_SIZE);
    const out = new Uint8Array(3 * CHUNK_SIZE);
    b.read(out, 0);
    expect(out.subarray(0, CHUNK_SIZE + 5).every((x) => x === 7)).toBe(true);
    expect(out.subarray(CHUNK_SIZE + 5).every((x) => x === 0)).toBe(true);
  });

  it('shrinking a small file gives memory back without resurrecting old bytes', () => {
    const b = new ChunkedBytes();
    b.write(new Uint8Array(100_000).fill(3), 0);
    b.truncate(300);
    expect(b.allocated()).toBe(300);
    b.truncate(100_000);
    const out = new Uint8Array(100_000);
    b.read(out, 0);
    expect(out.subarray(0, 300).every((x) => x === 3)).toBe(true);
    expect(out.subarray(300).every((x) => x === 0)).toBe(true);
    b.truncate(0);
    expect(b.allocated()).toBe(0);
    expect(b.read(out, 0)).toBe(0);
  });

  it('an empty write changes nothing', () => {
    const b = new ChunkedBytes();
    b.write(new Uint8Array(0), 5000);
    expect(b.length).toBe(0);
    expect(b.allocated()).toBe(0);
  });
});
