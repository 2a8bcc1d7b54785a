import { Fnv64 } from './fnv.js';

/**
 * On-disk layout of a Kandelo root filesystem image (FORMAT.md explains it in prose). Every
 * number is little-endian; every offset is absolute from the image start, except dirent name
 * offsets, which are relative to the string table.
 */

/** "KNDLIMG1": the first eight bytes. */
export const IMAGE_MAGIC = new Uint8Array([0x4b, 0x4e, 0x44, 0x4c, 0x49, 0x4d, 0x47, 0x31]);
export const IMAGE_VERSION = 1;

/** statfs f_type of a mounted image: "KNDL" read as a big-endian word. */
export const KANDELO_IMAGE_MAGIC = 0x4b4e444c;

/** Header field offsets. */
export const H = {
  MAGIC: 0,
  VERSION: 8,
  FLAGS: 12,
  TOTAL_SIZE: 16,
  INODE_COUNT: 20,
  INODE_OFF: 24,
  DIRENT_COUNT: 28,
  DIRENT_OFF: 32,
  STRINGS_OFF: 36,
  STRINGS_LEN: 40,
  DATA_OFF: 44,
  DATA_LEN: 48,
  RESERVED: 52,
  CHECKSUM: 56,
} as const;
export const HEADER_SIZE = 64;

/**
 * Inode record fields. A and B depend on the type: regular file and symlink: data offset and
 * byte length; directory: first dirent index and entry count; device: rdev in A; FIFO/socket: 0.
 */
export const I = { MODE: 0, UID: 4, GID: 8, NLINK: 12, MTIME: 16, A: 24, B: 28 } as const;
export const INODE_SIZE = 32;

/** Dirent fields: name offset (into the string table), inode index, name length in bytes. */
export const D = { NAME_OFF: 0, INODE: 4, NAME_LEN: 8, RESERVED: 10 } as const;
export const DIRENT_SIZE = 12;

/** File data (and symlink targets) start on this boundary, so typed views of them line up. */
export const DATA_ALIGN = 8;
/** st_size reported for directories (one block, as ext4 shows a small directory). */
export const DIR_SIZE = 4096;
export const NAME_MAX = 255;
/** Symlink targets are shorter than PATH_MAX (4096), as the kernel requires. */
export const TARGET_MAX = 4095;
/** Inode index i has inode number i + 1: the root directory (index 0) is ino 1. */
export const inoOf = (index: number): number => index + 1;

/** The content hash: FNV-1a 64 over the whole image except the checksum field itself. */
export function imageChecksum(bytes: Uint8Array, totalSize: number): bigint {
  return new Fnv64().update(bytes.subarray(0, H.CHECKSUM)).update(bytes.subarray(HEADER_SIZE, totalSize)).digest();
}

export const align = (n: number, to: number): number => Math.ceil(n / to) * to;

/** The order of entries within a directory: bytewise on the UTF-8 names (memcmp, shorter first on a tie). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
