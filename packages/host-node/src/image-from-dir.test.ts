import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { O, S } from '@kandelo/kernel-core';
import { buildImage, ImageFs } from '../../sys-fs/src/imagefs/index.js';
import type { Caller, Inode } from '../../sys-fs/src/vfs/inode.js';
import { buildImageFromDir, imageTreeFromDir } from './image-from-dir.js';

// Until @kandelo/sys-fs re-exports the image builder, serve it from the source module.

const C: Caller = { uid: 0, gid: 0, groups: [] };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kandelo-image-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function at(root: Inode, path: string): Inode {
  let n: Inode | undefined = root;
  for (const name of path.split('/').filter(Boolean)) n = n?.lookup?.(name, C);
  if (!n) throw new Error(`no ${path}`);
  return n;
}

function read(n: Inode): string {
  const r = n.open!(O.RDONLY, C);
  if (!('handle' in r)) throw new Error('no handle');
  const out = new Uint8Array(r.handle.size());
  r.handle.read(out, 0);
  return new TextDecoder().decode(out);
}

function populate(): boolean {
  const root = join(dir, 'root');
  mkdirSync(join(root, 'etc/empty'), { recursive: true });
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'etc/hostname'), 'kandelo\n', { mode: 0o640 });
  writeFileSync(join(root, 'bin/busybox'), 'BB', { mode: 0o755 });
  linkSync(join(root, 'bin/busybox'), join(root, 'bin/sh'));
  symlinkSync('busybox', join(root, 'bin/ls'));
  symlinkSync('/nonexistent/target', join(root, 'dangling'));
  try {
    execFileSync('mkfifo', [join(root, 'fifo')]);
    return true;
  } catch {
    return false; // no mkfifo on this host: the FIFO case is skipped
  }
}

describe('imageTreeFromDir', () => {
  it('round-trips a host directory through an image', () => {
    const fifo = populate();
    const out = join(dir, 'root.img');
    const bytes = buildImageFromDir(join(dir, 'root'), out, { uid: 1000, gid: 100 });
    expect(new Uint8Array(readFileSync(out))).toEqual(bytes);

    const fs = new ImageFs(bytes, { dev: 9 });
    const names = (p: string) => at(fs.root, p).readdir!(C).map((e) => e.name);
    expect(names('/')).toEqual(['bin', 'dangling', 'etc', ...(fifo ? ['fifo'] : [])]);
    expect(names('/bin')).toEqual(['busybox', 'ls', 'sh']);
    expect(names('/etc')).toEqual(['empty', 'hostname']);
    expect(read(at(fs.root, '/etc/hostname'))).toBe('kandelo\n');
    expect(at(fs.root, '/etc/hostname').stat()).toMatchObject({ mode: S.IFREG | 0o640, uid: 1000, gid: 100 });
    expect(at(fs.root, '/bin/sh')).toBe(at(fs.root, '/bin/busybox'));
    expect(at(fs.root, '/bin/sh').stat()).toMatchObject({ nlink: 2, mode: S.IFREG | 0o755 });
    expect(at(fs.root, '/bin/ls').readlink!(C)).toBe('busybox');
    expect(at(fs.root, '/dangling').readlink!(C)).toBe('/nonexistent/target');
    if (fifo) expect(at(fs.root, '/fifo').stat().mode & S.IFMT).toBe(S.IFIFO);
  });

  it('defaults ownership to root and makes reproducible images with a fixed mtime', () => {
    populate();
    const root = join(dir, 'root');
    const tree = imageTreeFromDir(root, { mtimeNs: 0n });
    expect(tree).toMatchObject({ kind: 'dir', uid: 0, gid: 0, mtimeNs: 0n });
    const a = buildImage(tree);
    utimesSync(join(root, 'etc/hostname'), 12345, 12345);
    const b = buildImage(imageTreeFromDir(root, { mtimeNs: 0n }));
    expect(b).toEqual(a);
    // Without the override, host mtimes are kept.
    const own = new ImageFs(buildImage(imageTreeFromDir(root)), { dev: 1 });
    expect(at(own.root, '/etc/hostname').stat().mtimeNs).toBe(12345_000_000_000n);
  });

  it('skips sockets', async () => {
    mkdirSync(join(dir, 'root'));
    writeFileSync(join(dir, 'root/file'), 'x');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'root/sock'), resolve));
    try {
      const tree = imageTreeFromDir(join(dir, 'root'));
      expect([...(tree.entries as Map<string, unknown>).keys()]).toEqual(['file']);
    } finally {
      server.close();
    }
  });

  it('refuses a path that is not a directory', () => {
    writeFileSync(join(dir, 'file'), '');
    expect(() => imageTreeFromDir(join(dir, 'file'))).toThrow(/not a directory/);
  });
});
