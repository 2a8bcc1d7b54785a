import * as fs from 'node:fs';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E, type HostFileSystem, type HostStat, O } from '@kandelo/kernel-core';
import { normalizePath } from './path.js';
import { Vfs } from './vfs.js';

/** The real filesystem, as the Node host provides it (enough for these tests). */
const toStat = (s: fs.BigIntStats): HostStat => ({
  dev: Number(s.dev), ino: Number(s.ino), mode: Number(s.mode), nlink: Number(s.nlink), uid: 0, gid: 0, rdev: 0,
  size: Number(s.size), blksize: 4096, blocks: 0, atimeNs: s.atimeNs, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs,
});
const hostFs: HostFileSystem = {
  open: (p, f, m) => fs.openSync(p, f & 0o3 | (f & O.CREAT ? fs.constants.O_CREAT : 0) | (f & O.DIRECTORY ? fs.constants.O_DIRECTORY : 0), m),
  close: (h) => fs.closeSync(h),
  read: (h, out, pos) => fs.readSync(h, out, 0, out.length, pos),
  write: (h, d, pos) => fs.writeSync(h, d, 0, d.length, pos),
  fstat: (h) => toStat(fs.fstatSync(h, { bigint: true })),
  stat: (p) => toStat(fs.statSync(p, { bigint: true })),
  lstat: (p) => toStat(fs.lstatSync(p, { bigint: true })),
  ftruncate: (h, l) => fs.ftruncateSync(h, l),
  unlink: (p) => fs.unlinkSync(p),
  rmdir: (p) => fs.rmdirSync(p),
  mkdir: (p, m) => fs.mkdirSync(p, { mode: m }),
  readdir: (p) => fs.readdirSync(p),
  readlink: (p) => fs.readlinkSync(p),
  realpath: (p) => fs.realpathSync.native(p),
};

const base = mkdtempSync(join(tmpdir(), 'kandelo-vfs-'));
const root = join(base, 'root');
mkdirSync(root);
writeFileSync(join(base, 'secret'), 'outside');
writeFileSync(join(root, 'inside'), 'inside');
symlinkSync(join(base, 'secret'), join(root, 'escape-abs'));
symlinkSync('../secret', join(root, 'escape-rel'));
mkdirSync(join(root, 'sub'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('Vfs over a host mount', () => {
  const vfs = new Vfs(hostFs);
  vfs.mountHost('/mnt/data', root);
  vfs.mountHost('/ro', root, true);

  it('opens and stats files inside the mount', () => {
    expect(vfs.stat('/mnt/data/inside', true).size).toBe(6);
    const f = vfs.open('/mnt/data/inside', O.RDONLY, 0);
    const buf = new Uint8Array(16);
    expect(f.ops.read!(f, undefined as never, buf, null)).toBe(6);
    f.unref();
  });

  it('never reads outside the mount root: .. and symlinks out are refused', () => {
    expect(() => vfs.open(normalizePath('/mnt/data', '../../secret'), O.RDONLY, 0)).toThrow(E.ENOENT as never);
    expect(() => vfs.open('/mnt/data/escape-abs', O.RDONLY, 0)).toThrow(E.EACCES as never);
    expect(() => vfs.open('/mnt/data/escape-rel', O.RDONLY, 0)).toThrow(E.EACCES as never);
    expect(() => vfs.stat('/mnt/data/escape-abs', true)).toThrow(E.EACCES as never);
  });

  it('shows synthetic parents of mount points and ENOENT elsewhere', () => {
    expect(vfs.stat('/mnt', true).mode & 0o170000).toBe(0o040000);
    expect(() => vfs.stat('/etc', true)).toThrow(E.ENOENT as never);
    const d = vfs.open('/', O.RDONLY | O.DIRECTORY, 0);
    expect(d.ops.readdir!(d).map((e) => e.name).sort()).toEqual(['.', '..', 'mnt', 'ro']);
  });

  it('gives EROFS for writes to a read-only mount', () => {
    expect(() => vfs.open('/ro/inside', O.WRONLY, 0)).toThrow(E.EROFS as never);
    expect(() => vfs.open('/ro/new', O.WRONLY | O.CREAT, 0o644)).toThrow(E.EROFS as never);
    expect(() => vfs.unlink('/ro/inside', false)).toThrow(E.EROFS as never);
    expect(() => vfs.mkdir('/ro/d', 0o755)).toThrow(E.EROFS as never);
  });
});
