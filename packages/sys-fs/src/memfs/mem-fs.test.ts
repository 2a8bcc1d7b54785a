import { describe, expect, it } from 'vitest';
import { E, O, S } from '@kandelo/kernel-core';
import type { Caller, FileHandle, Inode, OpenResult } from '../vfs/inode.js';
import { DT, dtype } from '../vfs/dtype.js';
import { MemFs, type MemFsOptions, TMPFS_MAGIC } from './mem-fs.js';

const user: Caller = { uid: 1000, gid: 1000, groups: [] };

function setup(o: Partial<MemFsOptions> = {}) {
  let clock = 1_000n;
  const fs = new MemFs({ dev: 42, now: () => clock, ...o });
  const file = (dir: Inode, name: string) => dir.create!(name, { mode: S.IFREG | 0o644 }, user);
  const handle = (node: Inode, flags: number = O.RDWR): FileHandle => {
    const r = node.open!(flags, user);
    if (!('handle' in r)) throw new Error('expected a data handle');
    return r.handle;
  };
  return { fs, root: fs.root, file, handle, tick: () => (clock += 10n) };
}

describe('MemFs', () => {
  it('has a root directory with ino 1, default mode 0755 and root ownership', () => {
    const { fs, root } = setup();
    const st = root.stat();
    expect(fs.type).toBe('tmpfs');
    expect(fs.readonly).toBe(false);
    expect(st).toMatchObject({ dev: 42, ino: 1, mode: S.IFDIR | 0o755, nlink: 2, uid: 0, gid: 0, blksize: 4096 });
    expect(st.atimeNs).toBe(1_000n);
  });

  it('takes the root mode, owner and type name from its options', () => {
    const { fs, root } = setup({ rootMode: 0o1777, rootUid: 5, rootGid: 6, type: 'devtmpfs' });
    expect(root.stat()).toMatchObject({ mode: S.IFDIR | 0o1777, uid: 5, gid: 6 });
    expect(fs.type).toBe('devtmpfs');
  });

  it('gives every node a fresh, stable inode number and the filesystem dev', () => {
    const { root, file } = setup();
    const a = file(root, 'a');
    const d = root.create!('d', { mode: S.IFDIR | 0o755 }, user);
    const b = file(d, 'b');
    expect([a.ino, d.ino, b.ino]).toEqual([2, 3, 4]);
    expect(a.stat().ino).toBe(2);
    expect(b.stat().dev).toBe(42);
    root.unlink!('a', false);
    expect(file(root, 'a').ino).toBe(5); // numbers are not reused
  });

  it('reports tmpfs statfs numbers that follow data and inode use', () => {
    const { fs, root, file, handle } = setup({ maxBytes: 1 << 20 });
    const before = fs.statfs();
    expect(before).toMatchObject({ magic: TMPFS_MAGIC, bsize: 4096, namelen: 255, blocks: 256, bfree: 256 });
    expect(before.ffree).toBe(before.files - 1); // the root
    handle(file(root, 'f')).write(new Uint8Array(5000), 0);
    const after = fs.statfs();
    expect(after.bfree).toBe(256 - 2);
    expect(after.ffree).toBe(before.ffree - 1);
    expect(fs.used).toBe(5000);
  });

  it('reports a nominal size when unbounded, never a negative free count', () => {
    const { fs, root, file } = setup();
    const st = fs.statfs();
    expect(st.blocks).toBeGreaterThan(0);
    expect(st.bfree).toBe(st.blocks);
    file(root, 'big').setattr!({ size: 2 ** 33 }); // sparse: no memory, but counted
    expect(fs.statfs().bfree).toBe(0);
  });

  describe('device nodes', () => {
    it('open through openDevice with rdev, flags, caller and the device type', () => {
      const calls: unknown[][] = [];
      const result: OpenResult = { ops: { seekable: false, stat: () => { throw E.EIO; } }, state: 'tty' };
      const { root } = setup({
        openDevice: (rdev, flags, c, type) => {
          calls.push([rdev, flags, c, type]);
          return result;
        },
      });
      const chr = root.create!('null', { mode: S.IFCHR | 0o666, rdev: 0x103 }, user);
      const blk = root.create!('sda', { mode: S.IFBLK | 0o660, rdev: 0x800 }, user);
      expect(chr.stat()).toMatchObject({ mode: S.IFCHR | 0o666, rdev: 0x103, size: 0 });
      expect(chr.open!(O.RDWR, user)).toBe(result);
      blk.open!(O.RDONLY, user);
      expect(calls).toEqual([[0x103, O.RDWR, user, S.IFCHR], [0x800, O.RDONLY, user, S.IFBLK]]);
    });

    it('fail with ENXIO when the filesystem has no openDevice', () => {
      const { root } = setup();
      const chr = root.create!('c', { mode: S.IFCHR | 0o600, rdev: 5 }, user);
      expect(() => chr.open!(O.RDONLY, user)).toThrow(E.ENXIO);
    });

    it('FIFOs and sockets are plain nodes the VFS opens itself', () => {
      const { root } = setup();
      const fifo = root.create!('p', { mode: S.IFIFO | 0o600 }, user);
      const sock = root.create!('s', { mode: S.IFSOCK | 0o600 }, user);
      expect(fifo.stat().mode).toBe(S.IFIFO | 0o600);
      expect(fifo.open).toBeUndefined();
      expect(sock.open).toBeUndefined();
      expect(root.readdir!(user).map((e) => e.type)).toEqual([DT.FIFO, DT.SOCK]);
    });
  });

  describe('maxBytes', () => {
    it('shortens a write that crosses the cap, then fails with ENOSPC', () => {
      const { root, file, handle } = setup({ maxBytes: 10_000 });
      const h = handle(file(root, 'f'));
      expect(h.write(new Uint8Array(8000).fill(1), 0)).toBe(8000);
      expect(h.write(new Uint8Array(4000).fill(2), 8000)).toBe(2000);
      expect(h.size()).toBe(10_000);
      expect(() => h.write(new Uint8Array(1), 10_000)).toThrow(E.ENOSPC);
      // Overwriting inside the file needs no new space.
      expect(h.write(new Uint8Array(100).fill(3), 0)).toBe(100);
    });

    it('counts sparse gaps and truncate-extends', () => {
      const { root, file, handle } = setup({ maxBytes: 10_000 });
      const h = handle(file(root, 'f'));
      expect(() => h.write(new Uint8Array(1), 10_000)).toThrow(E.ENOSPC);
      expect(() => h.truncate(10_001)).toThrow(E.ENOSPC);
      expect(h.size()).toBe(0);
      h.truncate(10_000);
      expect(() => file(root, 'g').setattr!({ size: 1 })).toThrow(E.ENOSPC);
    });

    it('gives space back on unlink, but only once the last handle of an open file closes', () => {
      const { fs, root, file, handle } = setup({ maxBytes: 10_000 });
      const h = handle(file(root, 'f'));
      h.write(new Uint8Array(10_000), 0);
      root.unlink!('f', false);
      expect(fs.used).toBe(10_000);
      const g = handle(file(root, 'g'));
      expect(() => g.write(new Uint8Array(1), 0)).toThrow(E.ENOSPC);
      const inodes = fs.inodes;
      h.close!();
      expect(fs.used).toBe(0);
      expect(fs.inodes).toBe(inodes - 1);
      expect(g.write(new Uint8Array(10_000), 0)).toBe(10_000);
    });

    it('frees a closed file at its last unlink, and shrinking gives space back', () => {
      const { fs, root, file, handle } = setup({ maxBytes: 10_000 });
      const f = file(root, 'f');
      const h = handle(f);
      h.write(new Uint8Array(6000), 0);
      h.close!();
      root.link!('f2', f);
      root.unlink!('f', false);
      expect(fs.used).toBe(6000);
      root.unlink!('f2', false);
      expect(fs.used).toBe(0);
      const g = handle(file(root, 'g'));
      g.write(new Uint8Array(9000), 0);
      g.truncate(1000);
      expect(fs.used).toBe(1000);
    });
  });
});

describe('dtype', () => {
  it('maps every file type to its DT_* value', () => {
    expect(dtype(S.IFREG | 0o644)).toBe(DT.REG);
    expect(dtype(S.IFDIR)).toBe(DT.DIR);
    expect(dtype(S.IFLNK)).toBe(DT.LNK);
    expect(dtype(S.IFCHR)).toBe(DT.CHR);
    expect(dtype(S.IFBLK)).toBe(DT.BLK);
    expect(dtype(S.IFIFO)).toBe(DT.FIFO);
    expect(dtype(S.IFSOCK)).toBe(DT.SOCK);
    expect(dtype(0o644)).toBe(DT.UNKNOWN);
    expect(dtype(0o030000)).toBe(DT.UNKNOWN);
    expect([DT.FIFO, DT.CHR, DT.DIR, DT.BLK, DT.REG, DT.LNK, DT.SOCK]).toEqual([1, 2, 4, 6, 8, 10, 12]);
  });
});
