import { describe, expect, it } from 'vitest';
import { E, O, S } from '@kandelo/kernel-core';
import type { Caller, FileHandle, Inode } from '../vfs/inode.js';
import { MAX_FILE_SIZE } from './mem-file.js';
import { MemFs } from './mem-fs.js';

const user: Caller = { uid: 1000, gid: 1000, groups: [] };
const bytes = (...b: number[]) => new Uint8Array(b);

function setup() {
  let clock = 1_000n;
  const fs = new MemFs({ dev: 3, now: () => clock });
  const f = fs.root.create!('f', { mode: S.IFREG | 0o644 }, user);
  const open = (node: Inode = f, flags: number = O.RDWR): FileHandle => {
    const r = node.open!(flags, user);
    if (!('handle' in r)) throw new Error('expected a data handle');
    return r.handle;
  };
  /** The whole content through a fresh handle. */
  const content = (node: Inode = f) => {
    const out = new Uint8Array(node.stat().size);
    open(node).read(out, 0);
    return [...out];
  };
  return { fs, f, open, content, tick: () => (clock += 100n) };
}

describe('MemFile data', () => {
  it('reads back what was written; reads at or past EOF return 0', () => {
    const { f, open } = setup();
    const h = open();
    expect(h.write(bytes(1, 2, 3, 4, 5), 0)).toBe(5);
    expect(h.size()).toBe(5);
    const out = new Uint8Array(8).fill(0xee);
    expect(h.read(out, 1)).toBe(4);
    expect([...out]).toEqual([2, 3, 4, 5, 0xee, 0xee, 0xee, 0xee]);
    expect(h.read(out, 5)).toBe(0);
    expect(h.read(out, 100)).toBe(0);
    expect(h.read(new Uint8Array(0), 0)).toBe(0);
    expect(h.write(new Uint8Array(0), 50)).toBe(0);
    expect(f.stat()).toMatchObject({ size: 5, blocks: 1, blksize: 4096 });
  });

  it('overwrites in place and appends', () => {
    const { open, content } = setup();
    const h = open();
    h.write(bytes(1, 2, 3), 0);
    h.write(bytes(9), 1);
    h.write(bytes(7, 8), h.size());
    expect(content()).toEqual([1, 9, 3, 7, 8]);
  });

  it('zero-fills the gap of a write past the end (sparse write)', () => {
    const { f, open, content } = setup();
    const h = open();
    h.write(bytes(1), 0);
    h.write(bytes(2, 3), 6);
    expect(content()).toEqual([1, 0, 0, 0, 0, 0, 2, 3]);
    open().write(bytes(5), 5000);
    expect(f.stat()).toMatchObject({ size: 5001, blocks: 10 });
    const out = new Uint8Array(5001).fill(0xff);
    h.read(out, 0);
    expect(out.subarray(8, 5000).every((b) => b === 0)).toBe(true);
    expect(out[5000]).toBe(5);
  });

  it('truncate shrinks, and a later extension reads zeros, not the old bytes', () => {
    const { f, open, content } = setup();
    const h = open();
    h.write(bytes(1, 2, 3, 4, 5, 6), 0);
    h.truncate(2);
    expect(content()).toEqual([1, 2]);
    h.truncate(6);
    expect(content()).toEqual([1, 2, 0, 0, 0, 0]);
    // Through setattr as well (truncate(2) on a path).
    f.setattr!({ size: 1 });
    h.write(bytes(8), 4);
    expect(content()).toEqual([1, 0, 0, 0, 8]);
  });

  it('extends by truncate without storing the zeros; writes into that tail work', () => {
    const { f, open } = setup();
    const h = open();
    h.write(bytes(1, 2), 0);
    h.truncate(1 << 30); // 1 GiB: must not allocate
    expect(f.stat().size).toBe(1 << 30);
    const out = new Uint8Array(4).fill(0xff);
    expect(h.read(out, 0)).toBe(4);
    expect([...out]).toEqual([1, 2, 0, 0]);
    out.fill(0xff);
    expect(h.read(out, (1 << 30) - 2)).toBe(2);
    expect([...out]).toEqual([0, 0, 0xff, 0xff]);
    h.truncate(100);
    expect(h.write(bytes(7), 50)).toBe(1);
    const all = new Uint8Array(100);
    h.read(all, 0);
    expect([...all.subarray(0, 3)]).toEqual([1, 2, 0]);
    expect(all[50]).toBe(7);
    expect(all.reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('keeps content exact across many buffer growths (64 KiB chunks)', () => {
    const { f, open } = setup();
    const h = open();
    const chunk = new Uint8Array(65536);
    const total = 128; // 8 MiB
    for (let i = 0; i < total; i++) {
      chunk.fill(i & 0xff);
      chunk[0] = (i * 7) & 0xff;
      expect(h.write(chunk, h.size())).toBe(65536);
    }
    expect(f.stat().size).toBe(total * 65536);
    const out = new Uint8Array(65536);
    for (let i = 0; i < total; i++) {
      expect(h.read(out, i * 65536)).toBe(65536);
      expect(out[0]).toBe((i * 7) & 0xff);
      expect(out[1]).toBe(i & 0xff);
      expect(out[65535]).toBe(i & 0xff);
    }
  });

  it('reads into a larger buffer return only the bytes present', () => {
    const { open } = setup();
    const h = open();
    h.write(new Uint8Array(3000).fill(4), 0);
    const out = new Uint8Array(65536);
    expect(h.read(out, 1000)).toBe(2000);
    expect(out[1999]).toBe(4);
    expect(out[2000]).toBe(0);
  });

  it('rejects bad and oversized lengths: EINVAL, EFBIG', () => {
    const { open } = setup();
    const h = open();
    expect(() => h.truncate(-1)).toThrow(E.EINVAL);
    expect(() => h.truncate(1.5)).toThrow(E.EINVAL);
    expect(() => h.truncate(MAX_FILE_SIZE + 1)).toThrow(E.EFBIG);
    expect(() => h.write(bytes(1), MAX_FILE_SIZE)).toThrow(E.EFBIG);
    // A write crossing the limit is cut short at it.
    expect(h.write(bytes(1, 2, 3, 4), MAX_FILE_SIZE - 2)).toBe(2);
    expect(h.size()).toBe(MAX_FILE_SIZE);
    h.truncate(0);
    h.truncate(MAX_FILE_SIZE); // the limit itself is allowed (and sparse)
    const out = new Uint8Array(2).fill(9);
    expect(h.read(out, MAX_FILE_SIZE - 1)).toBe(1);
    expect([...out]).toEqual([0, 9]);
  });

  it('open leaves O_TRUNC to the VFS, which truncates through the handle', () => {
    const { f, open, tick } = setup();
    open().write(bytes(1, 2, 3), 0);
    const h = open(f, O.WRONLY | O.TRUNC);
    expect(h.size()).toBe(3);
    const t = tick();
    h.truncate(0);
    expect(f.stat()).toMatchObject({ size: 0, mtimeNs: t, ctimeNs: t });
  });

  it('all handles of a file share its bytes', () => {
    const { open } = setup();
    const a = open();
    const b = open();
    a.write(bytes(1, 2), 0);
    expect(b.size()).toBe(2);
    b.truncate(1);
    expect(a.size()).toBe(1);
  });
});

describe('MemFile lifetime', () => {
  it('an unlinked file that is still open keeps its data and stays writable', () => {
    const { fs, f, open } = setup();
    const h = open();
    h.write(bytes(1, 2, 3), 0);
    fs.root.unlink!('f', false);
    expect(f.stat()).toMatchObject({ nlink: 0, size: 3 });
    expect(fs.root.lookup!('f', user)).toBeUndefined();
    h.write(bytes(4), 3);
    const out = new Uint8Array(4);
    expect(h.read(out, 0)).toBe(4);
    expect([...out]).toEqual([1, 2, 3, 4]);
  });

  it('the data stays until the last handle closes; a repeated close changes nothing', () => {
    const { fs, open } = setup();
    const a = open();
    const b = open();
    a.write(new Uint8Array(100), 0);
    fs.root.unlink!('f', false);
    a.close!();
    a.close!();
    expect(fs.used).toBe(100);
    expect(b.size()).toBe(100);
    b.close!();
    expect(fs.used).toBe(0);
  });

  it('closing every handle of a linked file keeps it', () => {
    const { fs, open, content } = setup();
    const h = open();
    h.write(bytes(5, 6), 0);
    h.close!();
    expect(fs.used).toBe(2);
    expect(content()).toEqual([5, 6]);
  });
});

describe('MemFile timestamps', () => {
  it('write and truncate move mtime and ctime; reads leave every time alone', () => {
    const { f, open, tick } = setup();
    const h = open();
    const t1 = tick();
    h.write(bytes(1), 0);
    expect(f.stat()).toMatchObject({ atimeNs: 1_000n, mtimeNs: t1, ctimeNs: t1 });
    tick();
    h.read(new Uint8Array(1), 0);
    expect(f.stat()).toMatchObject({ atimeNs: 1_000n, mtimeNs: t1, ctimeNs: t1 });
    const t3 = tick();
    h.truncate(0);
    expect(f.stat()).toMatchObject({ mtimeNs: t3, ctimeNs: t3 });
    const t4 = tick();
    f.setattr!({ size: 10 });
    expect(f.stat()).toMatchObject({ mtimeNs: t4, ctimeNs: t4, size: 10 });
    // An explicit mtime in the same setattr wins over the truncate's.
    tick();
    f.setattr!({ size: 2, mtimeNs: 5n });
    expect(f.stat().mtimeNs).toBe(5n);
  });
});
