import { type FileStat, KSTAT, STATX, STATX_TIMESTAMP, type Thread } from '@kandelo/kernel-core';

const NS = 1_000_000_000n;

/**
 * A time as Linux's timespec: tv_nsec in [0, 1e9), so a time before 1970 with a fraction has
 * tv_sec one below its truncation (-0.5 s is { -1, 500000000 }; BigInt division truncates).
 */
function timespec(ns: bigint): [sec: bigint, nsec: bigint] {
  const nsec = ((ns % NS) + NS) % NS;
  return [(ns - nsec) / NS, nsec];
}

export function writeKstat(t: Thread, ptr: number, s: FileStat): void {
  const m = t.process.memory;
  m.bytes(ptr, KSTAT.size).fill(0);
  m.setI64(ptr + KSTAT.st_dev, s.dev);
  m.setI64(ptr + KSTAT.st_ino, s.ino);
  m.setU32(ptr + KSTAT.st_mode, s.mode);
  m.setU32(ptr + KSTAT.st_nlink, s.nlink);
  m.setU32(ptr + KSTAT.st_uid, s.uid);
  m.setU32(ptr + KSTAT.st_gid, s.gid);
  m.setI64(ptr + KSTAT.st_rdev, s.rdev);
  m.setI64(ptr + KSTAT.st_size, s.size);
  m.setI32(ptr + KSTAT.st_blksize, s.blksize);
  m.setI64(ptr + KSTAT.st_blocks, s.blocks);
  const ts = (secAt: number, nsecAt: number, ns: bigint) => {
    const [sec, nsec] = timespec(ns);
    m.setI64(ptr + secAt, sec);
    m.setI64(ptr + nsecAt, nsec);
  };
  ts(KSTAT.st_atime_sec, KSTAT.st_atime_nsec, s.atimeNs);
  ts(KSTAT.st_mtime_sec, KSTAT.st_mtime_nsec, s.mtimeNs);
  ts(KSTAT.st_ctime_sec, KSTAT.st_ctime_nsec, s.ctimeNs);
}

/** STATX_BASIC_STATS: every field we fill. */
export const STATX_BASIC_STATS = 0x7ff;

export function writeStatx(t: Thread, ptr: number, s: FileStat): void {
  const m = t.process.memory;
  m.bytes(ptr, STATX.size).fill(0);
  m.setU32(ptr + STATX.stx_mask, STATX_BASIC_STATS);
  m.setU32(ptr + STATX.stx_blksize, s.blksize);
  m.setU32(ptr + STATX.stx_nlink, s.nlink);
  m.setU32(ptr + STATX.stx_uid, s.uid);
  m.setU32(ptr + STATX.stx_gid, s.gid);
  m.setU16(ptr + STATX.stx_mode, s.mode);
  m.setI64(ptr + STATX.stx_ino, s.ino);
  m.setI64(ptr + STATX.stx_size, s.size);
  m.setI64(ptr + STATX.stx_blocks, s.blocks);
  const ts = (off: number, ns: bigint) => {
    const [sec, nsec] = timespec(ns);
    m.setI64(ptr + off + STATX_TIMESTAMP.tv_sec, sec);
    m.setU32(ptr + off + STATX_TIMESTAMP.tv_nsec, Number(nsec));
  };
  ts(STATX.stx_atime, s.atimeNs);
  ts(STATX.stx_mtime, s.mtimeNs);
  ts(STATX.stx_ctime, s.ctimeNs);
  m.setU32(ptr + STATX.stx_rdev_major, (s.rdev >>> 8) & 0xfff);
  m.setU32(ptr + STATX.stx_rdev_minor, s.rdev & 0xff);
  m.setU32(ptr + STATX.stx_dev_major, (s.dev >>> 8) & 0xfff);
  m.setU32(ptr + STATX.stx_dev_minor, s.dev & 0xff);
}
