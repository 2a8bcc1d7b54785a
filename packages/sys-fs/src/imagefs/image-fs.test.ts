import { E, O, S } from '@kandelo/kernel-core';
import { describe, expect, it } from 'vitest';
import type { Caller, FileHandle, Inode } from '../vfs/inode.js';
import { buildImage } from './build-image.js';
import { H, imageChecksum, KANDELO_IMAGE_MAGIC } from './format.js';
import { ImageFs } from './image-fs.js';
import { ImageError } from './image-layout.js';
import { ImageFile } from './image-nodes.js';
import type { ImageTree, ImageTreeFile } from './image-tree.js';

const C: Caller = { uid: 0, gid: 0, groups: [] };
const te = new TextEncoder();
const BIN = new Uint8Array(5000).map((_, i) => (i * 31) & 0xff);

function sample(): ImageTree {
  const busybox: ImageTreeFile = { kind: 'file', data: BIN, mode: 0o755, uid: 0, gid: 0, mtimeNs: 1_700_000_000_123_456_789n };
  return {
    kind: 'dir',
    mode: 0o755,
    entries: {
      bin: { kind: 'dir', entries: { busybox, sh: busybox, ls: { kind: 'symlink', target: 'busybox' } } },
      dev: { kind: 'dir', entries: { null: { kind: 'chr', rdev: 0x103, mode: 0o666 }, fifo: { kind: 'fifo' } } },
      etc: { kind: 'dir', uid: 7, gid: 8, entries: { hostname: { kind: 'file', data: 'kandelo\n', mode: 0o644, uid: 1000, gid: 100 } } },
      empty: { kind: 'file', data: '' },
      'ünï': { kind: 'file', data: 'utf8 name' },
    },
  };
}

const mount = (img = buildImage(sample())) => new ImageFs(img, { dev: 42 });

function walk(fs: ImageFs, path: string): Inode {
  let n: Inode = fs.root;
  for (const name of path.split('/').filter(Boolean)) {
    const next = n.lookup?.(name, C);
    if (!next) throw new Error(`no ${path}`);
    n = next;
  }
  return n;
}

function readAll(h: FileHandle): Uint8Array {
  const out = new Uint8Array(h.size());
  let pos = 0;
  for (let n; (n = h.read(out.subarray(pos, pos + 1000), pos)) > 0; ) pos += n;
  return out.subarray(0, pos);
}

describe('ImageFs', () => {
  it('looks up, lists, reads and stats what was built', () => {
    const fs = mount();
    expect(fs.type).toBe('kandelo-image');
    expect(fs.readonly).toBe(true);
    expect(fs.root.ino).toBe(1);
    expect(fs.root.readdir(C).map((e) => e.name)).toEqual(['bin', 'dev', 'empty', 'etc', 'ünï']);
    expect(fs.root.lookup('nope', C)).toBeUndefined();

    const bin = walk(fs, '/bin');
    expect(bin.readdir!(C)).toEqual([
      { name: 'busybox', ino: walk(fs, '/bin/busybox').ino, type: 8 },
      { name: 'ls', ino: walk(fs, '/bin/ls').ino, type: 10 },
      { name: 'sh', ino: walk(fs, '/bin/busybox').ino, type: 8 },
    ]);
    const bb = walk(fs, '/bin/busybox');
    const st = bb.stat();
    expect(st).toMatchObject({ dev: 42, mode: S.IFREG | 0o755, nlink: 2, size: BIN.length, uid: 0, mtimeNs: 1_700_000_000_123_456_789n });
    expect(st.atimeNs).toBe(st.mtimeNs);
    const r = bb.open!(O.RDONLY, C);
    expect('handle' in r && readAll(r.handle)).toEqual(BIN);
    expect((bb as ImageFile).data()).toEqual(BIN);

    // A hard link is the same node.
    expect(walk(fs, '/bin/sh')).toBe(bb);
    expect(walk(fs, '/bin/ls').readlink!(C)).toBe('busybox');
    expect(walk(fs, '/bin/ls').stat()).toMatchObject({ mode: S.IFLNK | 0o777, size: 7, blocks: 0 });

    expect(walk(fs, '/dev/null').stat()).toMatchObject({ mode: S.IFCHR | 0o666, rdev: 0x103 });
    expect(walk(fs, '/dev/fifo').stat().mode & S.IFMT).toBe(S.IFIFO);
    expect(walk(fs, '/etc').stat()).toMatchObject({ mode: S.IFDIR | 0o755, nlink: 2, uid: 7, gid: 8 });
    expect(walk(fs, '/etc/hostname').stat()).toMatchObject({ uid: 1000, gid: 100, size: 8, mode: S.IFREG | 0o644, blocks: 1 });
    expect(walk(fs, '/etc').stat().blocks).toBe(0); // data blocks only, as memfs counts
    expect(walk(fs, '/empty').stat().size).toBe(0);
    expect(new TextDecoder().decode((walk(fs, '/ünï') as ImageFile).data())).toBe('utf8 name');
    expect(fs.root.stat().nlink).toBe(5); // 2 + bin, dev, etc
    expect(fs.statfs()).toMatchObject({ magic: KANDELO_IMAGE_MAGIC, files: 11, bfree: 0 });
  });

  it('reads file data as views of the image, aligned', () => {
    const img = buildImage(sample());
    const data = (walk(new ImageFs(img, { dev: 1 }), '/bin/busybox') as ImageFile).data();
    expect(data.buffer).toBe(img.buffer);
    expect(data.byteOffset % 8).toBe(0);
  });

  it('answers EROFS to every mutation', () => {
    const fs = mount();
    const f = walk(fs, '/etc/hostname');
    expect(() => f.open!(O.WRONLY, C)).toThrow(E.EROFS);
    expect(() => f.open!(O.RDWR, C)).toThrow(E.EROFS);
    expect(() => f.open!(O.RDONLY | O.TRUNC, C)).toThrow(E.EROFS);
    expect(() => f.setattr!({ mode: 0o777 })).toThrow(E.EROFS);
    expect(() => fs.root.create('x', { mode: S.IFREG | 0o644 }, C)).toThrow(E.EROFS);
    expect(() => fs.root.link('x', f)).toThrow(E.EROFS);
    expect(() => fs.root.unlink('empty', false)).toThrow(E.EROFS);
    expect(() => fs.root.rename('empty', fs.root, 'full', false)).toThrow(E.EROFS);
    const r = f.open!(O.RDONLY, C);
    if (!('handle' in r)) throw new Error('no handle');
    expect(() => r.handle.write(te.encode('x'), 0)).toThrow(E.EROFS);
    expect(() => r.handle.truncate(0)).toThrow(E.EROFS);
    // Kinds without an operation leave the method absent for the VFS to answer.
    expect(f.lookup).toBeUndefined();
    expect((fs.root as Inode).open).toBeUndefined();
    expect(() => walk(fs, '/dev/null').open!(O.RDWR, C)).toThrow(E.ENXIO);
  });

  it('delegates device opens by number', () => {
    const seen: number[] = [];
    const fs = new ImageFs(buildImage(sample()), {
      dev: 1,
      openDevice: (rdev, _flags, _c, type) => {
        seen.push(rdev, type);
        return { handle: { read: () => 0, write: (d) => d.length, size: () => 0, truncate() {} } };
      },
    });
    walk(fs, '/dev/null').open!(O.RDWR, C);
    expect(seen).toEqual([0x103, S.IFCHR]);
  });

  it('rejects bad images at mount with a clear Error', () => {
    const img = buildImage(sample());
    const bad = (b: Uint8Array, re: RegExp) => {
      expect(() => new ImageFs(b, { dev: 1 })).toThrow(ImageError);
      expect(() => new ImageFs(b, { dev: 1 })).toThrow(re);
    };
    bad(img.slice(0, 10), /truncated/);
    bad(img.slice(0, img.length - 1), /truncated/);
    const flipped = img.slice();
    flipped[img.length - 3]! ^= 0x40;
    bad(flipped, /checksum mismatch/);
    const magic = img.slice();
    magic[0] = 0;
    bad(magic, /bad magic/);
    const version = img.slice();
    new DataView(version.buffer).setUint32(H.VERSION, 99, true);
    bad(version, /version 99/);
    bad(new Uint8Array(100), /bad magic/);
  });

  it('checks structure even when the checksum is skipped or recomputed', () => {
    const img = buildImage(sample());
    const v = new DataView(img.buffer);
    // Point the root's entry run past the directory section.
    const inodeOff = v.getUint32(H.INODE_OFF, true);
    v.setUint32(inodeOff + 24, 0xffff, true);
    expect(() => new ImageFs(img, { dev: 1, verify: false })).toThrow(/outside the directory section/);
  });

  it('never fails after mount, whatever bytes passed validation', () => {
    const img = buildImage(sample());
    let rng = 12345;
    const rand = (n: number) => ((rng = (Math.imul(rng, 1103515245) + 12345) >>> 0) % n);
    let mounted = 0;
    for (let round = 0; round < 2000; round++) {
      const b = img.slice();
      for (let k = 1 + rand(3); k > 0; k--) b[H.CHECKSUM + 8 + rand(b.length - H.CHECKSUM - 8)] = rand(256);
      new DataView(b.buffer).setBigUint64(H.CHECKSUM, imageChecksum(b, b.length), true);
      let fs: ImageFs;
      try {
        fs = new ImageFs(b, { dev: 1 });
      } catch (e) {
        expect(e).toBeInstanceOf(ImageError);
        continue;
      }
      mounted++;
      const visit = (n: Inode): void => {
        n.stat();
        if (n.readlink) n.readlink(C);
        if (n instanceof ImageFile) {
          const r = n.open(O.RDONLY, C);
          if ('handle' in r) readAll(r.handle);
        }
        for (const e of n.readdir?.(C) ?? []) visit(n.lookup!(e.name, C)!);
      };
      visit(fs.root);
    }
    expect(mounted).toBeGreaterThan(0);
  });
});
