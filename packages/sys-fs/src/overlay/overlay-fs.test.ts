import { E, O, S } from '@kandelo/kernel-core';
import { describe, expect, it } from 'vitest';
import { buildImage } from '../imagefs/build-image.js';
import { ImageFs } from '../imagefs/image-fs.js';
import type { ImageTree, ImageTreeFile } from '../imagefs/image-tree.js';
import { MemFs } from '../memfs/mem-fs.js';
import type { Caller, FileHandle, Inode } from '../vfs/inode.js';
import { OverlayFs } from './overlay-fs.js';
import { UPPER_INO_BASE } from './overlay-meta.js';

const C: Caller = { uid: 0, gid: 0, groups: [] };
const te = new TextEncoder();
const td = new TextDecoder();
const T0 = 1_600_000_000_000_000_000n;
/** Over the 1 MiB copy-up chunk, with a ragged end. */
const BIG = (1 << 20) + 4321;

function tree(): ImageTree {
  const linked: ImageTreeFile = { kind: 'file', data: 'linked', mtimeNs: T0 };
  return {
    kind: 'dir',
    mtimeNs: T0,
    entries: {
      etc: {
        kind: 'dir', mtimeNs: T0, entries: {
          motd: { kind: 'file', data: 'hello from the image\n', mode: 0o640, uid: 5, gid: 6, mtimeNs: T0 },
          'os-release': { kind: 'file', data: 'ID=kandelo\n', mtimeNs: T0 },
        },
      },
      usr: { kind: 'dir', entries: { share: { kind: 'dir', entries: { doc: { kind: 'dir', entries: { readme: { kind: 'file', data: 'r' } } } } } } },
      bin: { kind: 'dir', entries: { a: linked, b: linked, sh: { kind: 'symlink', target: 'busybox', uid: 3 } } },
      big: { kind: 'file', data: new Uint8Array(BIG).map((_, i) => i % 251) },
    },
  };
}

function setup() {
  const image = buildImage(tree());
  const before = image.slice();
  let t = 1n;
  const upper = new MemFs({ dev: 2, now: () => T0 + 1000n * t++ });
  const fs = new OverlayFs(new ImageFs(image, { dev: 1 }), upper, { dev: 3, now: () => T0 + 7n });
  return { fs, upper, image, before };
}

function walk(root: Inode, path: string): Inode | undefined {
  let n: Inode | undefined = root;
  for (const name of path.split('/').filter(Boolean)) n = n?.lookup?.(name, C);
  return n;
}
const at = (root: Inode, path: string): Inode => {
  const n = walk(root, path);
  if (!n) throw new Error(`no ${path}`);
  return n;
};

function handle(n: Inode, flags: number): FileHandle {
  const r = n.open!(flags, C);
  if (!('handle' in r)) throw new Error('no handle');
  return r.handle;
}
function readAll(h: FileHandle): Uint8Array {
  const out = new Uint8Array(h.size());
  let pos = 0;
  for (let n; pos < out.length && (n = h.read(out.subarray(pos), pos)) > 0; ) pos += n;
  return out.subarray(0, pos);
}
const text = (n: Inode): string => {
  const h = handle(n, O.RDONLY);
  try {
    return td.decode(readAll(h));
  } finally {
    h.close?.();
  }
};
/** Byte equality (toEqual walks a 3 MiB array element by element). */
const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const names = (d: Inode): string[] => d.readdir!(C).map((e) => e.name);
const write = (n: Inode, s: string, pos = 0, flags: number = O.WRONLY) => {
  const h = handle(n, flags);
  h.write(te.encode(s), pos);
  h.close?.();
};

describe('OverlayFs', () => {
  it('reads through to the lower layer', () => {
    const { fs } = setup();
    expect(fs.type).toBe('overlay');
    expect(fs.readonly).toBe(false);
    expect(names(fs.root)).toEqual(['big', 'bin', 'etc', 'usr']);
    const motd = at(fs.root, '/etc/motd');
    expect(text(motd)).toBe('hello from the image\n');
    expect(motd.stat()).toMatchObject({ dev: 3, mode: S.IFREG | 0o640, uid: 5, gid: 6, mtimeNs: T0 });
    expect(at(fs.root, '/bin/sh').readlink!(C)).toBe('busybox');
    expect(walk(fs.root, '/etc/none')).toBeUndefined();
    // The same name gives the same node; inos are the lower ones.
    expect(at(fs.root, '/etc/motd')).toBe(motd);
    expect(fs.root.ino).toBe(1);
    expect(at(fs.root, '/etc').readdir!(C).find((e) => e.name === 'motd')!.ino).toBe(motd.ino);
  });

  it('copies a file up on write, leaving the image bytes untouched', () => {
    const { fs, upper, image, before } = setup();
    const motd = at(fs.root, '/etc/motd');
    const ino = motd.ino;
    write(motd, 'HELLO', 0, O.RDWR);
    expect(text(motd)).toBe('HELLO from the image\n');
    expect(same(image, before)).toBe(true);
    expect(motd.ino).toBe(ino);
    expect(at(fs.root, '/etc/motd').stat()).toMatchObject({ ino, mode: S.IFREG | 0o640, uid: 5, gid: 6 });
    // The parent chain exists in upper, with the lower directory's times kept.
    const up = at(upper.root, '/etc');
    expect(up.stat().mtimeNs).toBe(T0);
    expect(names(up)).toEqual(['motd']);
    // Readdir shows the copied file once.
    expect(names(at(fs.root, '/etc')).sort()).toEqual(['motd', 'os-release']);
  });

  it('copies large files whole, and skips the copy when truncating', () => {
    const { fs } = setup();
    const big = at(fs.root, '/big');
    write(big, 'X', BIG - 1);
    const h = handle(big, O.RDONLY);
    const data = readAll(h);
    expect(data.length).toBe(BIG);
    expect(data[12345]).toBe(12345 % 251);
    expect(data[BIG - 1]).toBe(0x58);
    const os = at(fs.root, '/etc/os-release');
    handle(os, O.WRONLY | O.TRUNC).close?.();
    expect(os.stat().size).toBe(0);
  });

  it('lets a descriptor opened before the copy-up see later writes', () => {
    const { fs } = setup();
    const motd = at(fs.root, '/etc/motd');
    const early = handle(motd, O.RDONLY);
    write(motd, 'J', 0, O.RDWR);
    fs.root.lookup('etc', C)!.unlink!('motd', false);
    expect(td.decode(readAll(early))).toBe('Jello from the image\n');
    early.close?.();
  });

  it('hides an unlinked lower file and allows recreating it', () => {
    const { fs, image, before } = setup();
    const etc = at(fs.root, '/etc');
    const old = at(fs.root, '/etc/motd');
    etc.unlink!('motd', false);
    expect(walk(fs.root, '/etc/motd')).toBeUndefined();
    expect(names(etc)).toEqual(['os-release']);
    expect(etc.stat().mtimeNs).toBe(T0 + 7n);
    expect(() => etc.unlink!('motd', false)).toThrow(E.ENOENT);
    // The unlinked lower file can no longer be copied up anywhere.
    expect(() => old.setattr!({ mode: 0o600 })).toThrow(E.ENOENT);

    const fresh = etc.create!('motd', { mode: S.IFREG | 0o600 }, C);
    write(fresh, 'new');
    expect(text(at(fs.root, '/etc/motd'))).toBe('new');
    expect(names(etc).sort()).toEqual(['motd', 'os-release']);
    expect(fresh.ino).toBeGreaterThanOrEqual(UPPER_INO_BASE);
    expect(same(image, before)).toBe(true);
  });

  it('makes a directory removed and recreated opaque', () => {
    const { fs } = setup();
    const etc = at(fs.root, '/etc');
    expect(() => fs.root.unlink('etc', true)).toThrow(E.ENOTEMPTY);
    etc.unlink!('motd', false);
    etc.unlink!('os-release', false);
    fs.root.unlink('etc', true);
    expect(walk(fs.root, '/etc')).toBeUndefined();
    expect(names(fs.root)).not.toContain('etc');
    // The removed node is dead for anyone still holding it (a cwd).
    expect(etc.lookup!('motd', C)).toBeUndefined();
    expect(() => etc.create!('x', { mode: S.IFREG | 0o644 }, C)).toThrow(E.ENOENT);

    const again = fs.root.create('etc', { mode: S.IFDIR | 0o700 }, C);
    expect(names(again)).toEqual([]);
    expect(walk(fs.root, '/etc/motd')).toBeUndefined();
    expect(at(fs.root, '/etc').stat().mode).toBe(S.IFDIR | 0o700);
    again.create!('passwd', { mode: S.IFREG | 0o644 }, C);
    expect(names(at(fs.root, '/etc'))).toEqual(['passwd']);
  });

  it('removes an empty lower directory with a whiteout', () => {
    const { fs } = setup();
    at(fs.root, '/usr/share/doc').unlink!('readme', false);
    at(fs.root, '/usr/share').unlink!('doc', true);
    expect(names(at(fs.root, '/usr/share'))).toEqual([]);
    expect(walk(fs.root, '/usr/share/doc')).toBeUndefined();
  });

  it('creates inside a lower-only directory by copying up the parent chain', () => {
    const { fs, upper } = setup();
    const doc = at(fs.root, '/usr/share/doc');
    const ino = doc.ino;
    const f = doc.create!('new', { mode: S.IFREG | 0o644 }, C);
    write(f, 'n');
    expect(names(doc).sort()).toEqual(['new', 'readme']);
    expect(text(at(fs.root, '/usr/share/doc/readme'))).toBe('r');
    expect(names(at(upper.root, '/usr/share/doc'))).toEqual(['new']);
    expect(at(fs.root, '/usr/share/doc').ino).toBe(ino);
    // A merged directory does not know its link count.
    expect(doc.stat().nlink).toBe(1);
  });

  it('renames files, keeping inode numbers; refuses to move lower directories', () => {
    const { fs, image, before } = setup();
    const etc = at(fs.root, '/etc');
    const motd = at(fs.root, '/etc/motd');
    etc.rename!('motd', fs.root, 'motd.moved', false);
    expect(walk(fs.root, '/etc/motd')).toBeUndefined();
    expect(at(fs.root, '/motd.moved')).toBe(motd);
    expect(at(fs.root, '/motd.moved').ino).toBe(motd.ino);
    expect(text(motd)).toBe('hello from the image\n');
    expect(names(etc)).toEqual(['os-release']);

    // Over an existing lower file.
    fs.root.rename('motd.moved', etc, 'os-release', false);
    expect(text(at(fs.root, '/etc/os-release'))).toBe('hello from the image\n');
    expect(names(etc)).toEqual(['os-release']);
    expect(names(fs.root)).not.toContain('motd.moved');

    // Into a lower-only directory: its chain is copied up first.
    at(fs.root, '/bin').rename!('sh', at(fs.root, '/usr/share'), 'sh', false);
    expect(at(fs.root, '/usr/share/sh').readlink!(C)).toBe('busybox');
    expect(names(at(fs.root, '/usr/share')).sort()).toEqual(['doc', 'sh']);
    expect(names(at(fs.root, '/bin'))).toEqual(['a', 'b']);

    expect(() => fs.root.rename('etc', fs.root, 'etc2', false)).toThrow(E.EXDEV);
    expect(() => fs.root.rename('usr', fs.root, 'bin', true)).toThrow(E.EXDEV);

    // An upper-only directory moves, also over an empty lower one (which it must not merge with).
    const d = fs.root.create('d', { mode: S.IFDIR | 0o755 }, C);
    d.create!('inside', { mode: S.IFREG | 0o644 }, C);
    at(fs.root, '/usr/share/doc').unlink!('readme', false);
    fs.root.rename('d', at(fs.root, '/usr/share'), 'doc', false);
    expect(names(at(fs.root, '/usr/share/doc'))).toEqual(['inside']);
    expect(walk(fs.root, '/d')).toBeUndefined();
    expect(same(image, before)).toBe(true);
  });

  it('exchanges two names', () => {
    const { fs } = setup();
    const etc = at(fs.root, '/etc');
    etc.rename!('motd', etc, 'os-release', true);
    expect(text(at(fs.root, '/etc/motd'))).toBe('ID=kandelo\n');
    expect(text(at(fs.root, '/etc/os-release'))).toBe('hello from the image\n');
    expect(names(etc).sort()).toEqual(['motd', 'os-release']);
  });

  it('copies up on setattr, symlinks included', () => {
    const { fs, upper } = setup();
    const motd = at(fs.root, '/etc/motd');
    motd.setattr!({ mode: 0o600 });
    expect(motd.stat()).toMatchObject({ mode: S.IFREG | 0o600, uid: 5, gid: 6, mtimeNs: T0 });
    expect(text(motd)).toBe('hello from the image\n');
    expect(at(upper.root, '/etc/motd').stat().mode).toBe(S.IFREG | 0o600);

    const sh = at(fs.root, '/bin/sh');
    sh.setattr!({ uid: 9 });
    expect(at(upper.root, '/bin/sh').readlink!(C)).toBe('busybox');
    expect(sh.stat()).toMatchObject({ mode: S.IFLNK | 0o777, uid: 9 });
    expect(sh.readlink!(C)).toBe('busybox');

    const os = at(fs.root, '/etc/os-release');
    os.setattr!({ size: 0 });
    expect(os.stat().size).toBe(0);
  });

  it('merges readdir without duplicates and keeps upper-only numbers apart', () => {
    const { fs } = setup();
    const bin = at(fs.root, '/bin');
    write(at(fs.root, '/bin/a'), 'A');
    bin.create!('new', { mode: S.IFREG | 0o755 }, C);
    bin.create!('dir', { mode: S.IFDIR | 0o755 }, C);
    const list = bin.readdir!(C);
    expect(list.map((e) => e.name).sort()).toEqual(['a', 'b', 'dir', 'new', 'sh']);
    const ino = (n: string) => list.find((e) => e.name === n)!.ino;
    expect(ino('new')).toBeGreaterThanOrEqual(UPPER_INO_BASE);
    expect(ino('dir')).toBeGreaterThanOrEqual(UPPER_INO_BASE);
    expect(ino('a')).toBeLessThan(UPPER_INO_BASE);
    expect(ino('new')).toBe(at(fs.root, '/bin/new').ino);
    expect(new Set(list.map((e) => e.ino)).size).toBe(4); // a and b are lower hard links
    expect(list.find((e) => e.name === 'dir')!.type).toBe(4);
  });

  it('hard-links a lower file by copying it up', () => {
    const { fs } = setup();
    const etc = at(fs.root, '/etc');
    const motd = at(fs.root, '/etc/motd');
    fs.root.link('motd-link', motd);
    const link = at(fs.root, '/motd-link');
    expect(link.ino).toBe(motd.ino);
    write(link, 'W', 0, O.RDWR);
    expect(text(motd)).toBe('Wello from the image\n');
    expect(motd.stat().nlink).toBe(2);
    expect(() => etc.link!('os-release', motd)).toThrow(E.EEXIST);
  });

  it('reports statfs of the upper layer under the overlay magic', () => {
    const { fs } = setup();
    expect(fs.statfs().magic).toBe(0x794c7630);
  });
});
