import { describe, expect, it } from 'vitest';
import { E, S } from '@kandelo/kernel-core';
import type { Caller, Inode } from '../vfs/inode.js';
import { DT } from '../vfs/dtype.js';
import { MemFs } from './mem-fs.js';
import { memFixture, user } from './mem-test-fixture.js';

const root0: Caller = { uid: 0, gid: 0, groups: [] };

const setup = memFixture;

describe('MemDir entries', () => {
  it('creates, looks up and lists children in creation order with their types', () => {
    const { root, file, dir } = setup();
    const f = file(root, 'zeta');
    const d = dir(root, 'alpha');
    const l = root.create!('link', { mode: S.IFLNK | 0o644, target: 'zeta' }, user);
    expect(root.lookup!('zeta', user)).toBe(f);
    expect(root.lookup!('alpha', user)).toBe(d);
    expect(root.lookup!('nope', user)).toBeUndefined();
    expect(root.readdir!(user)).toEqual([
      { name: 'zeta', ino: f.ino, type: DT.REG },
      { name: 'alpha', ino: d.ino, type: DT.DIR },
      { name: 'link', ino: l.ino, type: DT.LNK },
    ]);
    expect(d.readdir!(user)).toEqual([]);
  });

  it('keeps the order stable as entries come and go', () => {
    const { root, file, names } = setup();
    for (const n of ['a', 'b', 'c', 'd']) file(root, n);
    root.unlink!('b', false);
    file(root, 'b');
    expect(names(root)).toEqual(['a', 'c', 'd', 'b']);
    // A rename over an existing entry keeps that entry's place.
    root.rename!('a', root, 'c', false);
    expect(names(root)).toEqual(['c', 'd', 'b']);
  });

  it('treats a mknod with no type bits as a regular file', () => {
    const { root } = setup();
    expect(root.create!('plain', { mode: 0o600 }, user).stat().mode).toBe(S.IFREG | 0o600);
    expect(() => root.create!('bad', { mode: 0o030000 | 0o600 }, user)).toThrow(E.EINVAL);
  });

  it('reports tmpfs directory sizes: 20 bytes per entry, "." and ".." included', () => {
    const { root, file, dir } = setup();
    const d = dir(root, 'd');
    expect(d.stat()).toMatchObject({ size: 40, blocks: 0 });
    file(d, 'x');
    file(d, 'y');
    expect(d.stat().size).toBe(80);
  });

  it('refuses a taken name with EEXIST, and names over 255 bytes with ENAMETOOLONG', () => {
    const { root, file, dir } = setup();
    const f = file(root, 'f');
    dir(root, 'd');
    expect(() => file(root, 'f')).toThrow(E.EEXIST);
    expect(() => dir(root, 'f')).toThrow(E.EEXIST);
    expect(() => file(root, 'd')).toThrow(E.EEXIST);
    expect(() => root.link!('d', f)).toThrow(E.EEXIST);
    expect(() => file(root, 'x'.repeat(256))).toThrow(E.ENAMETOOLONG);
    expect(() => file(root, 'é'.repeat(128))).toThrow(E.ENAMETOOLONG); // 256 bytes in UTF-8
    expect(file(root, 'x'.repeat(255)).stat().nlink).toBe(1);
  });

  it('has no directory operations on non-directories (the VFS answers ENOTDIR)', () => {
    const { root, file } = setup();
    const f = file(root, 'f');
    const l = root.create!('l', { mode: S.IFLNK, target: 'f' }, user);
    for (const n of [f, l]) {
      expect(n.lookup).toBeUndefined();
      expect(n.readdir).toBeUndefined();
      expect(n.create).toBeUndefined();
      expect(n.unlink).toBeUndefined();
      expect(n.rename).toBeUndefined();
      expect(n.link).toBeUndefined();
    }
    const asInode: Inode = root;
    expect(asInode.open).toBeUndefined();
    expect(asInode.readlink).toBeUndefined();
  });

  it('unlink: ENOENT, EISDIR for a directory, ENOTDIR for rmdir of a file, ENOTEMPTY', () => {
    const { root, file, dir, names } = setup();
    file(root, 'f');
    const d = dir(root, 'd');
    file(d, 'inner');
    expect(() => root.unlink!('missing', false)).toThrow(E.ENOENT);
    expect(() => root.unlink!('d', false)).toThrow(E.EISDIR);
    expect(() => root.unlink!('f', true)).toThrow(E.ENOTDIR);
    expect(() => root.unlink!('d', true)).toThrow(E.ENOTEMPTY);
    d.unlink!('inner', false);
    root.unlink!('d', true);
    root.unlink!('f', false);
    expect(names(root)).toEqual([]);
  });

  it('a removed directory has nlink 0 and accepts no new entries', () => {
    const { root, dir, file, nlink } = setup();
    const d = dir(root, 'd');
    root.unlink!('d', true);
    expect(nlink(d)).toBe(0);
    expect(() => file(d, 'x')).toThrow(E.ENOENT);
    expect(d.readdir!(user)).toEqual([]);
  });
});

describe('symlinks', () => {
  it('store their target, show mode 0777 and size as its UTF-8 length', () => {
    const { root } = setup();
    const l = root.create!('l', { mode: S.IFLNK | 0o600, target: '/tmp/ünïcode' }, user);
    expect(l.readlink!(user)).toBe('/tmp/ünïcode');
    expect(l.stat()).toMatchObject({ mode: S.IFLNK | 0o777, size: 14, nlink: 1, uid: 1000 });
  });

  it('reject an empty or over-long target', () => {
    const { root } = setup();
    expect(() => root.create!('l', { mode: S.IFLNK, target: '' }, user)).toThrow(E.ENOENT);
    expect(() => root.create!('l', { mode: S.IFLNK, target: 'a'.repeat(4096) }, user)).toThrow(E.ENAMETOOLONG);
    expect(() => root.create!('l', { mode: S.IFLNK }, user)).toThrow(E.EINVAL);
    expect(root.create!('l', { mode: S.IFLNK, target: 'a'.repeat(4095) }, user).stat().size).toBe(4095);
  });
});

describe('link counts', () => {
  it('directories count 2 plus their subdirectories', () => {
    const { root, dir, file, nlink } = setup();
    const a = dir(root, 'a');
    expect(nlink(root)).toBe(3);
    expect(nlink(a)).toBe(2);
    dir(a, 'x');
    dir(a, 'y');
    file(a, 'f');
    expect(nlink(a)).toBe(4);
    a.unlink!('x', true);
    expect(nlink(a)).toBe(3);
  });

  it('hard links share the inode and count names', () => {
    const { root, file, dir, handle, nlink } = setup();
    const f = file(root, 'f');
    const d = dir(root, 'd');
    d.link!('g', f);
    root.link!('h', f);
    expect(d.lookup!('g', user)).toBe(f);
    expect(nlink(f)).toBe(3);
    handle(f).write(new TextEncoder().encode('shared'), 0);
    const out = new Uint8Array(6);
    handle(d.lookup!('g', user)!).read(out, 0);
    expect(new TextDecoder().decode(out)).toBe('shared');
    root.unlink!('f', false);
    d.unlink!('g', false);
    expect(nlink(f)).toBe(1);
    expect(root.lookup!('h', user)!.stat().size).toBe(6);
  });

  it('refuses to link a directory (EPERM), a node of another filesystem (EXDEV) or an unlinked file (ENOENT)', () => {
    const { root, dir, file, handle } = setup();
    const d = dir(root, 'd');
    expect(() => root.link!('d2', d)).toThrow(E.EPERM);
    const other = new MemFs({ dev: 8, now: () => 0n });
    const foreign = other.root.create!('x', { mode: S.IFREG | 0o644 }, user);
    expect(() => root.link!('x', foreign)).toThrow(E.EXDEV);
    const f = file(root, 'f');
    handle(f);
    root.unlink!('f', false);
    expect(() => root.link!('back', f)).toThrow(E.ENOENT);
  });
});

describe('ownership', () => {
  it('new nodes belong to the caller', () => {
    const { root, file, dir } = setup();
    expect(file(root, 'f').stat()).toMatchObject({ uid: 1000, gid: 1000 });
    expect(dir(root, 'd', 0o700, root0).stat()).toMatchObject({ uid: 0, gid: 0, mode: S.IFDIR | 0o700 });
  });

  it('a setgid directory hands down its group, and the bit to subdirectories', () => {
    const { root, file, dir } = setup();
    const shared = dir(root, 'shared', 0o775, root0);
    shared.setattr!({ gid: 50, mode: 0o2775 }); // chmod g+s: mkdir itself cannot set it
    const f = file(shared, 'f', 0o644);
    const sub = dir(shared, 'sub', 0o755);
    expect(f.stat()).toMatchObject({ uid: 1000, gid: 50, mode: S.IFREG | 0o644 });
    expect(sub.stat()).toMatchObject({ uid: 1000, gid: 50, mode: S.IFDIR | 0o2755 });
    // ...and on down.
    expect(file(sub, 'deep').stat().gid).toBe(50);
    // Without setgid, the caller's group.
    expect(file(root, 'g').stat().gid).toBe(1000);
  });

  it('drops setgid from a group-executable file made in a group the creator is not in', () => {
    const { root, file, dir } = setup();
    const shared = dir(root, 'shared', 0o777, root0);
    shared.setattr!({ gid: 50, mode: 0o2777 });
    expect(file(shared, 'x', 0o2755).stat().mode).toBe(S.IFREG | 0o755);
    expect(file(shared, 'y', 0o2755, root0).stat().mode).toBe(S.IFREG | 0o2755);
    expect(file(root, 'z', 0o2755).stat().mode).toBe(S.IFREG | 0o2755); // own group
  });

  it('mkdir ignores setuid/setgid in its mode argument', () => {
    const { root, dir } = setup();
    expect(dir(root, 'd', 0o6755).stat().mode).toBe(S.IFDIR | 0o755);
    expect(dir(root, 's', 0o1777).stat().mode).toBe(S.IFDIR | 0o1777);
  });
});

describe('timestamps', () => {
  it('create sets all three times, and the parent mtime and ctime', () => {
    const { root, file, tick, now } = setup();
    const before = root.stat();
    const t = tick();
    const f = file(root, 'f');
    expect(f.stat()).toMatchObject({ atimeNs: t, mtimeNs: t, ctimeNs: t });
    expect(root.stat()).toMatchObject({ atimeNs: before.atimeNs, mtimeNs: now(), ctimeNs: now() });
  });

  it('link and unlink change the node ctime and the directory mtime/ctime', () => {
    const { root, file, dir, tick } = setup();
    const f = file(root, 'f');
    const d = dir(root, 'd');
    const t1 = tick();
    d.link!('g', f);
    expect(f.stat()).toMatchObject({ mtimeNs: 1_000n, ctimeNs: t1 });
    expect(d.stat()).toMatchObject({ mtimeNs: t1, ctimeNs: t1 });
    const t2 = tick();
    root.unlink!('f', false);
    expect(f.stat()).toMatchObject({ mtimeNs: 1_000n, ctimeNs: t2 });
    expect(root.stat()).toMatchObject({ mtimeNs: t2, ctimeNs: t2 });
    expect(d.stat().mtimeNs).toBe(t1);
  });

  it('rename changes the moved node ctime and both directories mtime/ctime', () => {
    const { root, file, dir, tick } = setup();
    const a = dir(root, 'a');
    const b = dir(root, 'b');
    const f = file(a, 'f');
    const t = tick();
    a.rename!('f', b, 'g', false);
    expect(f.stat()).toMatchObject({ mtimeNs: 1_000n, ctimeNs: t });
    expect(a.stat()).toMatchObject({ mtimeNs: t, ctimeNs: t });
    expect(b.stat()).toMatchObject({ mtimeNs: t, ctimeNs: t });
    expect(root.stat().mtimeNs).toBe(1_000n);
  });

  it('setattr sets mode (keeping the type), owner and times, and always ctime', () => {
    const { root, file, tick } = setup();
    const f = file(root, 'f');
    const t = tick();
    f.setattr!({ mode: S.IFDIR | 0o4711 });
    expect(f.stat()).toMatchObject({ mode: S.IFREG | 0o4711, ctimeNs: t, mtimeNs: 1_000n });
    f.setattr!({ uid: 3, gid: 4, atimeNs: 5n, mtimeNs: 6n });
    expect(f.stat()).toMatchObject({ uid: 3, gid: 4, atimeNs: 5n, mtimeNs: 6n, ctimeNs: t });
    const t2 = tick();
    f.setattr!({});
    expect(f.stat().ctimeNs).toBe(t2);
  });

  it('setattr of a size fails with EISDIR on a directory and EINVAL on other non-files, changing nothing', () => {
    const { root, dir, tick } = setup();
    const d = dir(root, 'd');
    const l = root.create!('l', { mode: S.IFLNK, target: 'x' }, user);
    tick();
    expect(() => d.setattr!({ size: 0, mode: 0o700 })).toThrow(E.EISDIR);
    expect(() => l.setattr!({ size: 0 })).toThrow(E.EINVAL);
    expect(d.stat()).toMatchObject({ mode: S.IFDIR | 0o755, ctimeNs: 1_000n });
  });
});
