import { S } from '@kandelo/kernel-core';

/** d_type values of getdents64 (Linux's DT_*: the file type bits shifted down by 12). */
export const DT = {
  UNKNOWN: 0, FIFO: 1, CHR: 2, DIR: 4, BLK: 6, REG: 8, LNK: 10, SOCK: 12,
} as const;

/**
 * The DT_* type of a mode. Linux defines DT_x as (S_IFx >> 12), so a shift is exact for every
 * known type; anything else (no type bits, or a bogus pattern) is DT_UNKNOWN.
 */
export function dtype(mode: number): number {
  switch (mode & S.IFMT) {
    case S.IFIFO: case S.IFCHR: case S.IFDIR: case S.IFBLK: case S.IFREG: case S.IFLNK: case S.IFSOCK:
      return (mode & S.IFMT) >>> 12;
    default:
      return DT.UNKNOWN;
  }
}
