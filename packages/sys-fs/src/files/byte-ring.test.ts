import { describe, expect, it } from 'vitest';
import { ByteRing } from './byte-ring.js';

/** Deterministic pseudo-random bytes. */
function pattern(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('ByteRing', () => {
  it('is a FIFO across many wraps, against a reference queue', () => {
    const ring = new ByteRing(1000);
    const ref: number[] = [];
    const src = pattern(5000, 7);
    const out = new Uint8Array(2000);
    let x = 12345;
    const rnd = (m: number) => ((x = (x * 1103515245 + 12345) >>> 0) >>> 8) % m;
    for (let step = 0; step < 5000; step++) {
      if (rnd(2) === 0) {
        const n = Math.min(rnd(400), ring.free);
        const from = rnd(4000);
        ring.push(src, from, n);
        for (let i = 0; i < n; i++) ref.push(src[from + i]!);
      } else {
        const n = Math.min(rnd(400), ring.size);
        const to = rnd(1000);
        ring.shift(out, to, n);
        expect(Array.from(out.subarray(to, to + n))).toEqual(ref.splice(0, n));
      }
      expect(ring.size).toBe(ref.length);
      expect(ring.free).toBe(1000 - ref.length);
    }
  });

  it('takes a whole source view and fills to capacity exactly', () => {
    const ring = new ByteRing(64);
    const src = pattern(64, 3);
    ring.push(src, 0, 64);
    expect(ring.free).toBe(0);
    const out = new Uint8Array(64);
    ring.shift(out, 0, 64);
    expect(out).toEqual(src);
  });

  it('resizes keeping wrapped contents in order', () => {
    const ring = new ByteRing(16);
    const src = pattern(40, 9);
    ring.push(src, 0, 12);
    ring.shift(new Uint8Array(10), 0, 10);
    ring.push(src, 12, 12); // wraps: 14 bytes stored, straddling the end
    ring.resize(64);
    expect(ring.capacity).toBe(64);
    ring.push(src, 24, 16);
    const out = new Uint8Array(30);
    ring.shift(out, 0, 30);
    expect(out).toEqual(src.subarray(10, 40));
    ring.resize(8); // empty: any size
    expect(ring.capacity).toBe(8);
    expect(ring.size).toBe(0);
  });
});
