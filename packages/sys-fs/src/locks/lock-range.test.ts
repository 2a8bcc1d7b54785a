import { describe, expect, it } from 'vitest';
import { E, SEEK } from '@kandelo/kernel-core';
import { OFFSET_MAX, overlaps, rangeToFlock, resolveRange } from './lock-range.js';

const base = { offset: 100n, size: () => 1000n };
const r = (whence: number, start: bigint, len: bigint) => resolveRange(whence, start, len, base);

describe('resolveRange', () => {
  it('counts from 0, the offset or the size by l_whence', () => {
    expect(r(SEEK.SET, 10n, 5n)).toEqual({ start: 10n, end: 14n });
    expect(r(SEEK.CUR, 10n, 5n)).toEqual({ start: 110n, end: 114n });
    expect(r(SEEK.END, -10n, 5n)).toEqual({ start: 990n, end: 994n });
  });

  it('takes l_len 0 as "to EOF, however far the file grows"', () => {
    expect(r(SEEK.SET, 7n, 0n)).toEqual({ start: 7n, end: OFFSET_MAX });
  });

  it('takes a negative l_len as the bytes before the start', () => {
    expect(r(SEEK.SET, 10n, -4n)).toEqual({ start: 6n, end: 9n });
    expect(r(SEEK.SET, 10n, -10n)).toEqual({ start: 0n, end: 9n });
    expect(() => r(SEEK.SET, 10n, -11n)).toThrow(E.EINVAL);
  });

  it('only reads the size for SEEK_END', () => {
    let asked = 0;
    resolveRange(SEEK.CUR, 0n, 1n, { offset: 0n, size: () => BigInt(++asked) });
    expect(asked).toBe(0);
  });

  it('refuses an unknown whence and a start before byte 0 (EINVAL)', () => {
    expect(() => r(SEEK.DATA, 0n, 1n)).toThrow(E.EINVAL);
    expect(() => r(7, 0n, 1n)).toThrow(E.EINVAL);
    expect(() => r(SEEK.SET, -1n, 1n)).toThrow(E.EINVAL);
    expect(() => r(SEEK.CUR, -101n, 1n)).toThrow(E.EINVAL);
  });

  it('refuses ranges past the largest offset (EOVERFLOW)', () => {
    expect(() => r(SEEK.CUR, OFFSET_MAX, 1n)).toThrow(E.EOVERFLOW);
    expect(() => r(SEEK.SET, OFFSET_MAX - 9n, 11n)).toThrow(E.EOVERFLOW);
    expect(r(SEEK.SET, OFFSET_MAX - 9n, 10n)).toEqual({ start: OFFSET_MAX - 9n, end: OFFSET_MAX });
  });
});

describe('rangeToFlock / overlaps', () => {
  it('reports a lock to EOF with l_len 0', () => {
    expect(rangeToFlock({ start: 5n, end: OFFSET_MAX })).toEqual({ start: 5n, len: 0n });
    expect(rangeToFlock({ start: 5n, end: 9n })).toEqual({ start: 5n, len: 5n });
  });

  it('treats ends as inclusive', () => {
    expect(overlaps({ start: 0n, end: 9n }, { start: 9n, end: 20n })).toBe(true);
    expect(overlaps({ start: 0n, end: 9n }, { start: 10n, end: 20n })).toBe(false);
  });
});
