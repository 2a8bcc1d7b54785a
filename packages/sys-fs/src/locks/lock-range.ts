import { E, SEEK } from '@kandelo/kernel-core';

/** Linux's OFFSET_MAX (the largest loff_t): a range ending here runs to EOF, however the file grows. */
export const OFFSET_MAX = (1n << 63n) - 1n;

/**
 * A locked byte range, both ends inclusive (Linux's fl_start/fl_end). Bigints because struct
 * flock carries 64-bit offsets and "to EOF" is OFFSET_MAX, far beyond a double's exact range.
 */
export interface LockRange {
  readonly start: bigint;
  readonly end: bigint;
}

/** Where SEEK_CUR and SEEK_END count from: the description's offset and the file's size (read only if needed). */
export interface RangeBase {
  readonly offset: bigint;
  size(): bigint;
}

/**
 * Resolves struct flock's (l_whence, l_start, l_len) to a range as Linux's flock64_to_posix_lock
 * does: l_len 0 means to EOF, a negative l_len covers the |l_len| bytes before the start (POSIX
 * 2001). EINVAL for an unknown whence or a range starting before byte 0; EOVERFLOW when the start
 * or end would pass OFFSET_MAX.
 */
export function resolveRange(whence: number, lStart: bigint, lLen: bigint, base: RangeBase): LockRange {
  let start: bigint;
  switch (whence) {
    case SEEK.SET: start = 0n; break;
    case SEEK.CUR: start = base.offset; break;
    case SEEK.END: start = base.size(); break;
    default: throw E.EINVAL;
  }
  if (lStart > OFFSET_MAX - start) throw E.EOVERFLOW;
  start += lStart;
  if (start < 0n) throw E.EINVAL;
  if (lLen > 0n) {
    if (lLen - 1n > OFFSET_MAX - start) throw E.EOVERFLOW;
    return { start, end: start + lLen - 1n };
  }
  if (lLen < 0n) {
    if (start + lLen < 0n) throw E.EINVAL;
    return { start: start + lLen, end: start - 1n };
  }
  return { start, end: OFFSET_MAX };
}

/** A range back in struct flock terms (l_whence SEEK_SET): l_len 0 for a lock that runs to EOF. */
export function rangeToFlock(r: LockRange): { start: bigint; len: bigint } {
  return { start: r.start, len: r.end === OFFSET_MAX ? 0n : r.end - r.start + 1n };
}

export const overlaps = (a: LockRange, b: LockRange): boolean => a.start <= b.end && b.start <= a.end;
