import { S } from '@kandelo/kernel-core';
import {
  compareBytes, D, DIRENT_SIZE, H, HEADER_SIZE, I, IMAGE_MAGIC, IMAGE_VERSION, imageChecksum, INODE_SIZE, NAME_MAX,
  TARGET_MAX,
} from './format.js';

/** A bad image: a host configuration problem, reported when the image is opened (never an errno). */
export class ImageError extends Error {
  override readonly name = 'ImageError';
  constructor(message: string) {
    super(`kandelo image: ${message}`);
  }
}

const TYPES = new Set<number>([S.IFDIR, S.IFREG, S.IFLNK, S.IFCHR, S.IFBLK, S.IFIFO, S.IFSOCK]);

/**
 * Typed access to the sections of a validated image. The constructor checks the header, the
 * checksum and every record, so the accessors can index without bounds checks: after it
 * returns, no read can leave the image whatever the bytes held.
 */
export class ImageLayout {
  private readonly v: DataView;
  readonly size: number;
  readonly checksum: bigint;
  readonly inodeCount: number;
  private readonly inodeOff: number;
  private readonly direntCount: number;
  private readonly direntOff: number;
  private readonly stringsOff: number;

  constructor(
    readonly bytes: Uint8Array,
    verify = true,
  ) {
    if (!(bytes instanceof Uint8Array)) throw new ImageError('expected a Uint8Array');
    if (bytes.length < HEADER_SIZE) throw new ImageError(`truncated: ${bytes.length} bytes, the header alone is ${HEADER_SIZE}`);
    for (let i = 0; i < IMAGE_MAGIC.length; i++) if (bytes[i] !== IMAGE_MAGIC[i]) throw new ImageError('bad magic (not a KNDLIMG1 image)');
    const v = (this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const u32 = (o: number) => v.getUint32(o, true);
    const version = u32(H.VERSION);
    if (version !== IMAGE_VERSION) throw new ImageError(`unsupported version ${version} (this reader knows ${IMAGE_VERSION})`);
    this.size = u32(H.TOTAL_SIZE);
    if (this.size !== bytes.length) {
      throw new ImageError(`${bytes.length < this.size ? 'truncated' : 'trailing bytes'}: header says ${this.size} bytes, got ${bytes.length}`);
    }
    this.checksum = v.getBigUint64(H.CHECKSUM, true);
    if (verify) {
      const actual = imageChecksum(bytes, this.size);
      if (actual !== this.checksum) throw new ImageError(`checksum mismatch (stored ${hex(this.checksum)}, computed ${hex(actual)}): corrupted image`);
    }
    this.inodeCount = u32(H.INODE_COUNT);
    this.inodeOff = u32(H.INODE_OFF);
    this.direntCount = u32(H.DIRENT_COUNT);
    this.direntOff = u32(H.DIRENT_OFF);
    this.stringsOff = u32(H.STRINGS_OFF);
    const stringsLen = u32(H.STRINGS_LEN);
    const dataOff = u32(H.DATA_OFF);
    const dataEnd = dataOff + u32(H.DATA_LEN);
    section('inode table', this.inodeOff, this.inodeCount * INODE_SIZE, this.size);
    section('directory section', this.direntOff, this.direntCount * DIRENT_SIZE, this.size);
    section('string table', this.stringsOff, stringsLen, this.size);
    section('data section', dataOff, dataEnd - dataOff, this.size);
    if (this.inodeCount === 0 || this.type(0) !== S.IFDIR) throw new ImageError('the root (inode 0) is not a directory');

    // Every record, once: types known, ranges inside their sections, names well formed and
    // sorted (lookup binary-searches them), each directory named exactly once (no cycles).
    const dirRefs = new Uint8Array(this.inodeCount);
    for (let i = 0; i < this.inodeCount; i++) {
      const type = this.type(i);
      if (!TYPES.has(type)) throw new ImageError(`inode ${i}: unknown file type 0o${type.toString(8)}`);
      const a = this.a(i);
      const b = this.b(i);
      if (type === S.IFREG || type === S.IFLNK) {
        if (a < dataOff || a + b > dataEnd) throw new ImageError(`inode ${i}: data [${a}, +${b}) outside the data section`);
        if (type === S.IFLNK && (b === 0 || b > TARGET_MAX || this.data(i).includes(0))) throw new ImageError(`inode ${i}: bad symlink target`);
      } else if (type === S.IFDIR) {
        if (a + b > this.direntCount) throw new ImageError(`inode ${i}: entries [${a}, +${b}) outside the directory section`);
        let prev: Uint8Array | undefined;
        for (let e = a; e < a + b; e++) {
          const off = this.nameOff(e);
          const len = this.nameLen(e);
          if (len === 0 || len > NAME_MAX || off + len > stringsLen) throw new ImageError(`dirent ${e}: bad name range`);
          const name = this.name(e);
          // Names must be valid UTF-8: readdir decodes them and lookup re-encodes, which must agree.
          if (name.includes(0x2f) || name.includes(0) || isDots(name) || !utf8(name)) throw new ImageError(`dirent ${e}: invalid name`);
          if (prev && compareBytes(prev, name) >= 0) throw new ImageError(`inode ${i}: entries not strictly sorted`);
          prev = name;
          const child = this.child(e);
          if (child === 0 || child >= this.inodeCount) throw new ImageError(`dirent ${e}: bad inode index ${child}`);
          // Only validated (earlier or later) types matter here; an unknown type fails its own check.
          if (this.type(child) === S.IFDIR && dirRefs[child]++ > 0) throw new ImageError(`inode ${child}: directory linked twice`);
        }
      }
    }
  }

  mode(i: number): number {
    return this.v.getUint32(this.inodeOff + i * INODE_SIZE + I.MODE, true);
  }
  type(i: number): number {
    return this.mode(i) & S.IFMT;
  }
  uid(i: number): number {
    return this.v.getUint32(this.inodeOff + i * INODE_SIZE + I.UID, true);
  }
  gid(i: number): number {
    return this.v.getUint32(this.inodeOff + i * INODE_SIZE + I.GID, true);
  }
  nlink(i: number): number {
    return this.v.getUint32(this.inodeOff + i * INODE_SIZE + I.NLINK, true);
  }
  mtimeNs(i: number): bigint {
    return this.v.getBigInt64(this.inodeOff + i * INODE_SIZE + I.MTIME, true);
  }
  /** Data offset / first dirent / rdev (see format.ts). */
  a(i: number): number {
    return this.v.getUint32(this.inodeOff + i * INODE_SIZE + I.A, true);
  }
  /** Data length / entry count. */
  b(i: number): number {
    return this.v.getUint32(this.inodeOff + i * INODE_SIZE + I.B, true);
  }
  /** A file's contents or a symlink's target: a view into the image, not a copy. */
  data(i: number): Uint8Array {
    const a = this.a(i);
    return this.bytes.subarray(a, a + this.b(i));
  }

  private nameOff(e: number): number {
    return this.v.getUint32(this.direntOff + e * DIRENT_SIZE + D.NAME_OFF, true);
  }
  private nameLen(e: number): number {
    return this.v.getUint16(this.direntOff + e * DIRENT_SIZE + D.NAME_LEN, true);
  }
  /** Dirent e's name bytes (a view). */
  name(e: number): Uint8Array {
    const o = this.stringsOff + this.nameOff(e);
    return this.bytes.subarray(o, o + this.nameLen(e));
  }
  /** Dirent e's inode index. */
  child(e: number): number {
    return this.v.getUint32(this.direntOff + e * DIRENT_SIZE + D.INODE, true);
  }

  /** Binary search of directory `dir` for `name`: the dirent index, or -1. */
  find(dir: number, name: Uint8Array): number {
    let lo = this.a(dir);
    let hi = lo + this.b(dir);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareBytes(this.name(mid), name);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }
}

function section(what: string, off: number, len: number, size: number): void {
  if (off < HEADER_SIZE || len < 0 || off + len > size) throw new ImageError(`${what} [${off}, +${len}) lies outside the image (${size} bytes)`);
}

const strict = new TextDecoder('utf-8', { fatal: true });
function utf8(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    if (b[i]! > 0x7f) {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    }
  }
  return true;
}

const isDots = (n: Uint8Array): boolean => n[0] === 0x2e && (n.length === 1 || (n.length === 2 && n[1] === 0x2e));
const hex = (n: bigint): string => `0x${n.toString(16).padStart(16, '0')}`;
