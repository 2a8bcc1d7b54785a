import { S } from '@kandelo/kernel-core';
import { fnv1a64 } from './fnv.js';
import {
  align, compareBytes, D, DATA_ALIGN, DIRENT_SIZE, H, HEADER_SIZE, I, IMAGE_MAGIC, IMAGE_VERSION, imageChecksum,
  INODE_SIZE, NAME_MAX, TARGET_MAX,
} from './format.js';
import type { ImageTree, ImageTreeNode } from './image-tree.js';

const TYPE: Record<ImageTreeNode['kind'], number> = {
  dir: S.IFDIR, file: S.IFREG, symlink: S.IFLNK, chr: S.IFCHR, blk: S.IFBLK, fifo: S.IFIFO, socket: S.IFSOCK,
};
const DEFAULT_PERM: Record<ImageTreeNode['kind'], number> = {
  dir: 0o755, file: 0o644, symlink: 0o777, chr: 0o644, blk: 0o644, fifo: 0o644, socket: 0o644,
};
const U32_MAX = 0xffff_ffff;
const encoder = new TextEncoder();

/** One inode being laid out. */
interface Planned {
  readonly node: ImageTreeNode;
  readonly index: number;
  readonly mode: number;
  readonly path: string;
  nlink: number;
  /** Directories: their dirent range. Files and symlinks: their data range. */
  a: number;
  b: number;
}

interface Dirent {
  readonly name: Uint8Array;
  readonly text: string;
  readonly index: number;
}

/**
 * Lays out `root` as an image (FORMAT.md). The output depends only on the tree: entries are
 * sorted, inodes numbered breadth-first in that order, strings and identical contents shared in
 * first-use order, so equal trees give identical bytes and images can be cached by hash.
 * Throws an Error for a tree that cannot be represented (bad names, a directory linked twice...).
 */
export function buildImage(root: ImageTree): Uint8Array {
  if (root?.kind !== 'dir') throw new Error('buildImage: the root must be a directory');
  const inodes: Planned[] = [];
  const seen = new Map<ImageTreeNode, Planned>();
  const plan = (node: ImageTreeNode, path: string): Planned => {
    const p: Planned = { node, index: inodes.length, mode: modeOf(node, path), path, nlink: node.kind === 'dir' ? 2 : 0, a: 0, b: 0 };
    inodes.push(p);
    seen.set(node, p);
    return p;
  };

  // Breadth-first: a directory's children get consecutive inode indices and one dirent run.
  const dirents: Dirent[] = [];
  const queue = [plan(root, '')];
  for (let q = 0; q < queue.length; q++) {
    const dir = queue[q]!;
    const list = sortedEntries(dir);
    dir.a = dirents.length;
    dir.b = list.length;
    for (const [text, name, child] of list) {
      const path = `${dir.path}/${text}`;
      let p = seen.get(child);
      if (p) {
        if (child.kind === 'dir') throw new Error(`buildImage: ${path}: a directory may appear only once`);
      } else {
        p = plan(child, path);
        if (child.kind === 'dir') {
          queue.push(p);
          dir.nlink++;
        }
      }
      if (child.kind !== 'dir') p.nlink++;
      dirents.push({ name, text, index: p.index });
    }
  }
  if (inodes.length > U32_MAX || dirents.length > U32_MAX) throw new Error('buildImage: too many nodes');

  // String table: each distinct name once.
  const nameOff = new Map<string, number>();
  const strings: Uint8Array[] = [];
  let stringsLen = 0;
  for (const d of dirents) {
    if (nameOff.has(d.text)) continue;
    nameOff.set(d.text, stringsLen);
    strings.push(d.name);
    stringsLen += d.name.length;
  }

  const inodeOff = HEADER_SIZE;
  const direntOff = inodeOff + inodes.length * INODE_SIZE;
  const stringsOff = direntOff + dirents.length * DIRENT_SIZE;
  const dataOff = align(stringsOff + stringsLen, DATA_ALIGN);

  // Data: file contents and symlink targets, aligned; identical blobs stored once.
  const blobs: { off: number; bytes: Uint8Array }[] = [];
  const byContent = new Map<string, { off: number; bytes: Uint8Array }[]>();
  let dataLen = 0;
  const place = (bytes: Uint8Array): number => {
    const key = `${bytes.length}:${fnv1a64(bytes)}`;
    const same = byContent.get(key);
    const hit = same?.find((x) => compareBytes(x.bytes, bytes) === 0);
    if (hit) return hit.off;
    const off = dataOff + align(dataLen, DATA_ALIGN);
    dataLen = off - dataOff + bytes.length;
    const blob = { off, bytes };
    blobs.push(blob);
    if (same) same.push(blob);
    else byContent.set(key, [blob]);
    return off;
  };
  for (const p of inodes) {
    const n = p.node;
    if (n.kind === 'file') {
      const bytes = typeof n.data === 'string' ? encoder.encode(n.data) : n.data;
      p.a = place(bytes);
      p.b = bytes.length;
    } else if (n.kind === 'symlink') {
      const bytes = encoder.encode(n.target);
      if (bytes.length === 0 || bytes.length > TARGET_MAX || bytes.includes(0)) {
        throw new Error(`buildImage: ${p.path}: symlink target must be 1..${TARGET_MAX} bytes without NUL`);
      }
      p.a = place(bytes);
      p.b = bytes.length;
    } else if (n.kind === 'chr' || n.kind === 'blk') {
      p.a = u32(n.rdev, `${p.path}: rdev`);
    }
  }
  const total = dataOff + dataLen;
  if (total > U32_MAX) throw new Error(`buildImage: image too large (${total} bytes; the format holds 4 GiB)`);

  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  out.set(IMAGE_MAGIC, H.MAGIC);
  v.setUint32(H.VERSION, IMAGE_VERSION, true);
  v.setUint32(H.TOTAL_SIZE, total, true);
  v.setUint32(H.INODE_COUNT, inodes.length, true);
  v.setUint32(H.INODE_OFF, inodeOff, true);
  v.setUint32(H.DIRENT_COUNT, dirents.length, true);
  v.setUint32(H.DIRENT_OFF, direntOff, true);
  v.setUint32(H.STRINGS_OFF, stringsOff, true);
  v.setUint32(H.STRINGS_LEN, stringsLen, true);
  v.setUint32(H.DATA_OFF, dataOff, true);
  v.setUint32(H.DATA_LEN, dataLen, true);
  for (const p of inodes) {
    const o = inodeOff + p.index * INODE_SIZE;
    v.setUint32(o + I.MODE, p.mode, true);
    v.setUint32(o + I.UID, u32(p.node.uid ?? 0, `${p.path}: uid`), true);
    v.setUint32(o + I.GID, u32(p.node.gid ?? 0, `${p.path}: gid`), true);
    v.setUint32(o + I.NLINK, p.nlink, true);
    v.setBigInt64(o + I.MTIME, BigInt.asIntN(64, p.node.mtimeNs ?? 0n), true);
    v.setUint32(o + I.A, p.a, true);
    v.setUint32(o + I.B, p.b, true);
  }
  dirents.forEach((d, i) => {
    const o = direntOff + i * DIRENT_SIZE;
    v.setUint32(o + D.NAME_OFF, nameOff.get(d.text)!, true);
    v.setUint32(o + D.INODE, d.index, true);
    v.setUint16(o + D.NAME_LEN, d.name.length, true);
  });
  let s = stringsOff;
  for (const b of strings) {
    out.set(b, s);
    s += b.length;
  }
  for (const b of blobs) out.set(b.bytes, b.off);
  v.setBigUint64(H.CHECKSUM, imageChecksum(out, total), true);
  return out;
}

/** A directory's entries, validated and in the image's order (bytewise by UTF-8 name). */
function sortedEntries(dir: Planned): [string, Uint8Array, ImageTreeNode][] {
  const e = (dir.node as ImageTree).entries;
  if (!e || typeof e !== 'object') throw new Error(`buildImage: ${dir.path || '/'}: directory without entries`);
  const pairs = e instanceof Map ? [...e] : Object.entries(e);
  const list = pairs.map(([text, child]): [string, Uint8Array, ImageTreeNode] => {
    const name = encoder.encode(text);
    if (name.length === 0 || name.length > NAME_MAX || text === '.' || text === '..' || name.includes(0x2f) || name.includes(0)) {
      throw new Error(`buildImage: ${dir.path || '/'}: invalid entry name ${JSON.stringify(text)}`);
    }
    if (!child || !(child.kind in TYPE)) throw new Error(`buildImage: ${dir.path}/${text}: unknown node kind`);
    return [text, name, child];
  });
  list.sort((x, y) => compareBytes(x[1], y[1]));
  for (let i = 1; i < list.length; i++) {
    // Distinct strings can share an encoding (lone surrogates become U+FFFD).
    if (compareBytes(list[i - 1]![1], list[i]![1]) === 0) throw new Error(`buildImage: ${dir.path}/${list[i]![0]}: duplicate name`);
  }
  return list;
}

function modeOf(node: ImageTreeNode, path: string): number {
  const type = TYPE[node.kind];
  const mode = node.mode ?? DEFAULT_PERM[node.kind];
  if (!Number.isInteger(mode) || mode < 0 || mode & ~(0o7777 | S.IFMT) || (mode & S.IFMT && (mode & S.IFMT) !== type)) {
    throw new Error(`buildImage: ${path || '/'}: bad mode 0o${mode.toString(8)} for a ${node.kind}`);
  }
  return type | (mode & 0o7777);
}

function u32(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > U32_MAX) throw new Error(`buildImage: ${what} ${n} is not a 32-bit unsigned number`);
  return n;
}
