import * as nfs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { E, type Errno, O, S } from '@kandelo/kernel-core';
// The real Node host (a test may reach into host-node; sys-fs itself never imports Node).
import { NodeHostFs } from '../../../host-node/src/node-host-fs.js';
import type { Caller, FileHandle, Inode } from '../vfs/inode.js';
import { HostDir } from './host-dir.js';
import { HostFs } from './host-fs.js';
import { HostInode } from './host-inode.js';
import { HostSymlink } from './host-symlink.js';

const c: Caller = { uid: 0, gid: 0, groups: [] };
const hostFs = new NodeHostFs();
const SECRET = 'TOP-SECRET-OUTSIDE';

/** The errno sentinel `fn` throws (fails when it returns). */
function errno(fn: () => unknown): Errno {
  try {
    fn();
  } catch (err) {
    return err as Errno;
  }
  throw new Error('expected an errno');
}

const dirOf = (n: Inode | undefined): HostDir => {
  expect(n).toBeInstanceOf(HostDir);
  return n as HostDir;
};
const handleOf = (n: Inode, flags: number = O.RDONLY): FileHandle => {
  const r = n.open!(flags, c);
  if (!('handle' in r)) throw new Error('no handle');
  return r.handle;
};
const text = (h: FileHandle, pos = 0): string => {
  const buf = new Uint8Array(256);
  return new TextDecoder().decode(buf.subarray(0, h.read(buf, pos)));
};
const bytes = (s: string) => new TextEncoder().encode(s);

const base = nfs.mkdtempSync(join(tmpdir(), 'kandelo-hostfs-'));
/** A second temp dir, outside the mount, holding the secret. */
const outside = nfs.mkdtempSync(join(tmpdir(), 'kandelo-hostfs-outside-'));
afterAll(() => {
  nfs.rmSync(base, { recursive: true, force: true });
  nfs.rmSync(outside, { recursive: true, force: true });
});
nfs.writeFileSync(join(outside, 'secret'), SECRET);
nfs.writeFileSync(join(outside, 'victim'), SECRET);
nfs.chmodSync(join(outside, 'victim'), 0o600);
for (const d of ['b', 'e', 'sub']) {
  nfs.mkdirSync(join(outside, d));
  nfs.writeFileSync(join(outside, d, 'secret'), SECRET);
}
nfs.writeFileSync(join(outside, 'f'), SECRET);

let n = 0;
/** A fresh mount root with a few entries, and its HostFs. */
function fresh(readonly = false): { root: string; fs: HostFs } {
  const root = join(base, `m${n++}`);
  nfs.mkdirSync(root);
  nfs.writeFileSync(join(root, 'hello'), 'hello world');
  nfs.mkdirSync(join(root, 'sub'));
  nfs.writeFileSync(join(root, 'sub', 'inner'), 'inner');
  nfs.symlinkSync(join(outside, 'secret'), join(root, 'abs-escape'));
  nfs.symlinkSync(`../../${outside.split('/').pop()}/secret`, join(root, 'rel-escape'));
  nfs.symlinkSync(outside, join(root, 'dir-escape'));
  nfs.symlinkSync('/', join(root, 'slash'));
  return { root, fs: new HostFs(hostFs, root, { dev: 42, readonly }) };
}

describe('HostFs: the mount', () => {
  it('realpaths the root: a mount path that is a symlink to a directory', () => {
    const { root } = fresh();
    const alias = join(base, `alias${n++}`);
    nfs.symlinkSync(root, alias);
    const fs = new HostFs(hostFs, alias, { dev: 7 });
    expect(fs.hostRoot).toBe(nfs.realpathSync(root));
    expect(fs.type).toBe('hostfs');
    const st = fs.root.stat();
    expect(st.dev).toBe(7);
    expect(st.ino).toBe(Number(nfs.statSync(root).ino));
    expect(st.mode & S.IFMT).toBe(S.IFDIR);
    expect(fs.root.lookup('hello', c)?.stat().size).toBe(11);
  });

  it('refuses a root that is not a directory or does not exist', () => {
    const { root } = fresh();
    expect(errno(() => new HostFs(hostFs, join(root, 'hello'), { dev: 1 }))).toBe(E.ENOTDIR);
    expect(errno(() => new HostFs(hostFs, join(root, 'nope'), { dev: 1 }))).toBe(E.ENOENT);
  });

  it('reports statfs from the host', () => {
    const s = fresh().fs.statfs();
    expect(s.bsize).toBeGreaterThan(0);
    expect(s.blocks).toBeGreaterThan(0);
    expect(s.namelen).toBe(255);
  });
});

describe('HostFs: directories', () => {
  it('looks names up, the same node while held, undefined when absent', () => {
    const { root, fs } = fresh();
    const hello = fs.root.lookup('hello', c)!;
    expect(hello.ino).toBe(Number(nfs.lstatSync(join(root, 'hello')).ino));
    expect(hello.stat().dev).toBe(42);
    expect(fs.root.lookup('hello', c)).toBe(hello);
    expect(fs.root.lookup('missing', c)).toBeUndefined();
    expect(dirOf(fs.root.lookup('sub', c)).lookup('inner', c)?.stat().size).toBe(5);
  });

  it('lists entries with inode numbers and DT types', () => {
    const { root, fs } = fresh();
    const list = fs.root.readdir(c).sort((a, b) => a.name.localeCompare(b.name));
    expect(list.map((e) => [e.name, e.type])).toEqual([
      ['abs-escape', 10], ['dir-escape', 10], ['hello', 8], ['rel-escape', 10], ['slash', 10], ['sub', 4],
    ]);
    expect(list.find((e) => e.name === 'hello')!.ino).toBe(Number(nfs.lstatSync(join(root, 'hello')).ino));
  });

  it('creates regular files, directories and symlinks; refuses FIFOs, sockets, devices', () => {
    const { root, fs } = fresh();
    const f = fs.root.create('new', { mode: S.IFREG | 0o666 }, c);
    // The guest's mode, not the host umask's.
    expect(nfs.lstatSync(join(root, 'new')).mode & 0o7777).toBe(0o666);
    expect(f.stat().size).toBe(0);
    expect(errno(() => fs.root.create('new', { mode: S.IFREG | 0o644 }, c))).toBe(E.EEXIST);
    const d = fs.root.create('dir', { mode: S.IFDIR | 0o750 }, c);
    expect(d.stat().mode).toBe(S.IFDIR | 0o750);
    expect(nfs.statSync(join(root, 'dir')).isDirectory()).toBe(true);
    const l = fs.root.create('link', { mode: S.IFLNK | 0o777, target: '/etc/passwd' }, c);
    expect(l).toBeInstanceOf(HostSymlink);
    expect(nfs.readlinkSync(join(root, 'link'))).toBe('/etc/passwd');
    expect(l.readlink!(c)).toBe('/etc/passwd');
    const fifo = fs.root.create('fifo', { mode: S.IFIFO | 0o640 }, c);
    expect(fifo.stat().mode).toBe(S.IFIFO | 0o640);
    expect(nfs.lstatSync(join(root, 'fifo')).isFIFO()).toBe(true);
    expect(errno(() => fs.root.create('fifo', { mode: S.IFIFO | 0o640 }, c))).toBe(E.EEXIST);
    for (const mode of [S.IFSOCK, S.IFCHR, S.IFBLK]) {
      expect(errno(() => fs.root.create('special', { mode: mode | 0o644, rdev: 0 }, c))).toBe(E.EPERM);
    }
    expect(errno(() => fs.root.create('dangling', { mode: S.IFLNK | 0o777, target: '' }, c))).toBe(E.ENOENT);
  });

  // Giving files away needs a root host process (CI and this project's machines run as root).
  it.runIf(process.getuid?.() === 0)('gives a new node to its creator, as Linux does (host running as root)', () => {
    const { root, fs } = fresh();
    const nobody: Caller = { uid: 65534, gid: 65534, groups: [] };
    const owner = (p: string) => {
      const st = nfs.lstatSync(join(root, p));
      return [st.uid, st.gid, st.mode & 0o7777];
    };
    // The set-id bits asked for survive the chown (which clears them on the host).
    fs.root.create('f', { mode: S.IFREG | 0o4755 }, nobody);
    expect(owner('f')).toEqual([65534, 65534, 0o4755]);
    const d = fs.root.create('d', { mode: S.IFDIR | 0o2775 }, nobody);
    // mkdir keeps only rwx and sticky from its argument.
    expect(owner('d')).toEqual([65534, 65534, 0o775]);
    fs.root.create('l', { mode: S.IFLNK | 0o777, target: 'f' }, nobody);
    expect(owner('l').slice(0, 2)).toEqual([65534, 65534]);
    // A setgid directory hands down its group, and its bit to subdirectories.
    (d as HostInode).setattr({ mode: 0o2777, gid: 4242 });
    const dd = d as HostDir;
    dd.create('g', { mode: S.IFREG | 0o644 }, nobody);
    expect(owner('d/g')).toEqual([65534, 4242, 0o644]);
    dd.create('sub', { mode: S.IFDIR | 0o755 }, nobody);
    expect(owner('d/sub')).toEqual([65534, 4242, 0o2755]);
    // No setgid-executable file in a group the creator is not in.
    dd.create('x', { mode: S.IFREG | 0o2755 }, nobody);
    expect(owner('d/x')).toEqual([65534, 4242, 0o755]);
    // What the stat of the returned node says is what the host has.
    expect(fs.root.lookup('f', c)!.stat().uid).toBe(65534);
  });

  it('links, unlinks and removes directories', () => {
    const { root, fs } = fresh();
    const hello = fs.root.lookup('hello', c)!;
    fs.root.link!('hello2', hello);
    expect(hello.stat().nlink).toBe(2);
    expect(fs.root.lookup('hello2', c)!.ino).toBe(hello.ino);
    expect(errno(() => fs.root.link!('hello2', hello))).toBe(E.EEXIST);
    expect(errno(() => fs.root.link!('subl', fs.root.lookup('sub', c)!))).toBe(E.EPERM);
    // A symlink is linked itself, never its target.
    fs.root.link!('abs2', fs.root.lookup('abs-escape', c)!);
    expect(nfs.lstatSync(join(root, 'abs2')).isSymbolicLink()).toBe(true);
    fs.root.unlink!('hello2', false);
    expect(nfs.existsSync(join(root, 'hello2'))).toBe(false);
    expect(hello.stat().nlink).toBe(1);
    expect(errno(() => fs.root.unlink!('sub', true))).toBe(E.ENOTEMPTY);
    const sub = dirOf(fs.root.lookup('sub', c));
    sub.unlink!('inner', false);
    fs.root.unlink!('sub', true);
    expect(nfs.existsSync(join(root, 'sub'))).toBe(false);
    // A removed directory: nothing inside, attributes still answer.
    expect(sub.readdir(c)).toEqual([]);
    expect(sub.stat().nlink).toBe(0);
    expect(errno(() => sub.create('x', { mode: S.IFREG | 0o644 }, c))).toBe(E.ENOENT);
    expect(errno(() => fs.root.unlink!('missing', false))).toBe(E.ENOENT);
  });

  it('renames, replacing the target, moving held nodes along', () => {
    const { root, fs } = fresh();
    const sub = dirOf(fs.root.lookup('sub', c));
    const inner = sub.lookup('inner', c)!;
    fs.root.create('dest', { mode: S.IFDIR | 0o755 }, c);
    fs.root.rename!('sub', fs.root.lookup('dest', c)!, 'moved', false);
    expect(nfs.readFileSync(join(root, 'dest', 'moved', 'inner'), 'utf8')).toBe('inner');
    // The held directory and file follow their new names.
    expect(sub.lookup('inner', c)).toBe(inner);
    expect(text(handleOf(inner))).toBe('inner');
    sub.create('more', { mode: S.IFREG | 0o644 }, c);
    expect(nfs.existsSync(join(root, 'dest', 'moved', 'more'))).toBe(true);
    // Over an existing file: the replaced node is gone.
    const hello = fs.root.lookup('hello', c)!;
    sub.rename!('inner', fs.root, 'hello', false);
    expect(nfs.readFileSync(join(root, 'hello'), 'utf8')).toBe('inner');
    expect(hello.stat().nlink).toBe(0);
    expect(fs.root.lookup('hello', c)).toBe(inner);
    // Two names of one file: nothing happens.
    fs.root.link!('same', inner);
    fs.root.rename!('same', fs.root, 'hello', false);
    expect(nfs.existsSync(join(root, 'same'))).toBe(true);
    expect(errno(() => fs.root.rename!('same', fs.root, 'hello', true))).toBe(E.EINVAL);
    expect(errno(() => fs.root.rename!('missing', fs.root, 'x', false))).toBe(E.ENOENT);
    const other = fresh().fs;
    expect(errno(() => fs.root.rename!('same', other.root, 'x', false))).toBe(E.EXDEV);
  });
});

describe('HostFs: data and attributes', () => {
  it('reads and writes at positions through a host handle', () => {
    const { root, fs } = fresh();
    const hello = fs.root.lookup('hello', c)!;
    const h = handleOf(hello, O.RDWR);
    expect(text(h, 6)).toBe('world');
    expect(h.write(bytes('WORLD!'), 6)).toBe(6);
    expect(h.size()).toBe(12);
    h.truncate(5);
    expect(h.size()).toBe(5);
    h.sync!();
    expect(nfs.readFileSync(join(root, 'hello'), 'utf8')).toBe('hello');
    // Unlinked while open: the data and fstat still answer.
    fs.root.unlink!('hello', false);
    expect(text(h)).toBe('hello');
    expect(hello.stat().nlink).toBe(0);
    expect(hello.stat().size).toBe(5);
    h.close!();
    h.close!();
  });

  it('opens without truncating or appending (the VFS does those through the handle)', () => {
    const { fs } = fresh();
    const h = handleOf(fs.root.lookup('hello', c)!, O.WRONLY | O.TRUNC | O.APPEND);
    expect(h.size()).toBe(11);
    h.write(bytes('J'), 0);
    h.close!();
    expect(text(handleOf(fs.root.lookup('hello', c)!))).toBe('Jello world');
  });

  it('sets mode, owner, size and nanosecond times', () => {
    const { root, fs } = fresh();
    const hello = fs.root.lookup('hello', c)!;
    hello.setattr!({ mode: 0o604 });
    expect(hello.stat().mode).toBe(S.IFREG | 0o604);
    const me = nfs.statSync(root);
    hello.setattr!({ uid: Number(me.uid), gid: Number(me.gid) });
    hello.setattr!({ size: 20 });
    expect(nfs.statSync(join(root, 'hello')).size).toBe(20);
    hello.setattr!({ size: 2 });
    expect(nfs.readFileSync(join(root, 'hello'), 'utf8')).toBe('he');
    const at = 1_600_000_000_123_456_789n;
    const mt = 1_650_000_000_987_654_321n;
    hello.setattr!({ atimeNs: at, mtimeNs: mt });
    const st = hello.stat();
    // Node passes times as double seconds: exact to well under a microsecond.
    expect(Number(st.atimeNs - at)).toBeLessThan(1000);
    expect(Number(st.atimeNs - at)).toBeGreaterThan(-1000);
    expect(Number(st.mtimeNs - mt)).toBeLessThan(1000);
    expect(Number(st.mtimeNs - mt)).toBeGreaterThan(-1000);
    // One time alone leaves the other.
    hello.setattr!({ mtimeNs: 1_000_000_000_000_000_000n });
    expect(hello.stat().mtimeNs).toBe(1_000_000_000_000_000_000n);
    expect(Number(hello.stat().atimeNs - at)).toBeLessThan(1000);
    // Before 1970.
    hello.setattr!({ mtimeNs: -86_400_000_000_000n });
    expect(hello.stat().mtimeNs).toBe(-86_400_000_000_000n);
    const sub = fs.root.lookup('sub', c)!;
    expect(errno(() => sub.setattr!({ size: 0 }))).toBe(E.EISDIR);
  });

  it('changes a symlink itself, never its target', () => {
    const { root, fs } = fresh();
    const link = fs.root.lookup('abs-escape', c)!;
    const before = nfs.statSync(join(outside, 'secret'));
    expect(errno(() => link.setattr!({ mode: 0o777 }))).toBe(E.EOPNOTSUPP);
    link.setattr!({ atimeNs: 1_000_000_000n, mtimeNs: 2_000_000_000n });
    expect(nfs.lstatSync(join(root, 'abs-escape'), { bigint: true }).mtimeNs).toBe(2_000_000_000n);
    const me = nfs.lstatSync(join(root, 'abs-escape'));
    link.setattr!({ uid: me.uid, gid: me.gid });
    const after = nfs.statSync(join(outside, 'secret'));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.mode).toBe(before.mode);
    expect(link.stat().mode & S.IFMT).toBe(S.IFLNK);
  });
});

describe('HostFs: nothing outside the root', () => {
  it('gives host symlinks out as symlink inodes that cannot be opened', () => {
    const { fs } = fresh();
    for (const name of ['abs-escape', 'rel-escape', 'dir-escape', 'slash']) {
      const l = fs.root.lookup(name, c)!;
      expect(l).toBeInstanceOf(HostSymlink);
      expect(l.stat().mode & S.IFMT).toBe(S.IFLNK);
      expect(errno(() => l.open!(O.RDONLY, c))).toBe(E.ELOOP);
      expect(l.lookup).toBeUndefined(); // no descending through a symlink
      expect(l.readdir).toBeUndefined();
    }
    expect(fs.root.lookup('abs-escape', c)!.readlink!(c)).toBe(join(outside, 'secret'));
    expect(fs.root.lookup('rel-escape', c)!.readlink!(c)).toMatch(/^\.\.\/\.\.\//);
  });

  it('refuses names that are not one plain component', () => {
    const { fs } = fresh();
    const sub = dirOf(fs.root.lookup('sub', c));
    for (const name of ['..', '.', '', 'sub/inner', '../hello', 'dir-escape/secret', 'a\0b']) {
      expect(errno(() => sub.lookup(name, c))).toBe(E.EINVAL);
      expect(errno(() => sub.create(name, { mode: S.IFREG | 0o644 }, c))).toBe(E.EINVAL);
      expect(errno(() => sub.unlink!(name, false))).toBe(E.EINVAL);
      expect(errno(() => sub.rename!('inner', fs.root, name, false))).toBe(E.EINVAL);
      expect(errno(() => fs.root.link!(name, sub.lookup('inner', c)!))).toBe(E.EINVAL);
    }
    expect(errno(() => fs.root.create('x', { mode: S.IFLNK | 0o777, target: 'a\0b' }, c))).toBe(E.EINVAL);
  });

  it('a lookup on a file is not a directory walk', () => {
    const { fs } = fresh();
    expect(fs.root.lookup('hello', c)!.lookup).toBeUndefined();
  });

  it('a held directory renamed away and replaced by a symlink follows the rename (same mount)', () => {
    const { root, fs } = fresh();
    const a = dirOf(fs.root.create('a', { mode: S.IFDIR | 0o755 }, c));
    const b = dirOf(a.create('b', { mode: S.IFDIR | 0o755 }, c));
    fs.root.rename!('a', fs.root, 'c', false);
    fs.root.create('a', { mode: S.IFLNK | 0o777, target: outside }, c);
    expect(b.lookup('secret', c)).toBeUndefined(); // c/b has no "secret"
    b.create('x', { mode: S.IFREG | 0o644 }, c);
    expect(nfs.existsSync(join(root, 'c', 'b', 'x'))).toBe(true);
    expect(nfs.existsSync(join(outside, 'b', 'x'))).toBe(false);
  });

  it('verifies a chain once per syscall (epoch) and again in the next one', () => {
    const { root } = fresh();
    let epoch = 1;
    let lstats = 0;
    const counting: typeof hostFs = Object.assign(Object.create(hostFs), { lstat: (p: string) => (lstats++, hostFs.lstat(p)) });
    const fs = new HostFs(counting, root, { dev: 44, epoch: () => epoch });
    const sub = dirOf(fs.root.lookup('sub', c));
    const inner = sub.lookup('inner', c)!;
    lstats = 0;
    inner.stat();
    const first = lstats;
    inner.stat();
    expect(lstats).toBe(first); // same call: nothing verified twice
    // The next call sees a rename + symlink made between the two (by another mount of the tree).
    const fs2 = new HostFs(hostFs, root, { dev: 45 });
    fs2.root.rename!('sub', fs2.root, 'sub2', false);
    fs2.root.create('sub', { mode: S.IFLNK | 0o777, target: outside }, c);
    epoch++;
    expect(errno(() => inner.open!(O.RDONLY, c))).toBe(E.ENOENT);
    expect(lstats).toBeGreaterThan(first);
  });

  it('a held directory renamed away through another mount is stale, not followed', () => {
    const { root, fs } = fresh();
    const fs2 = new HostFs(hostFs, root, { dev: 43 });
    const d = dirOf(fs.root.create('d', { mode: S.IFDIR | 0o755 }, c));
    const e = dirOf(d.create('e', { mode: S.IFDIR | 0o755 }, c));
    const f = d.create('f', { mode: S.IFREG | 0o644 }, c);
    const fh = handleOf(f, O.RDWR);
    fh.write(bytes('mine'), 0);
    fs2.root.rename!('d', fs2.root, 'd2', false);
    fs2.root.create('d', { mode: S.IFLNK | 0o777, target: outside }, c);
    // root/d/e/secret and root/d/f now lead outside on the host: never taken.
    expect(errno(() => e.lookup('secret', c))).toBe(E.ENOENT);
    expect(errno(() => f.open!(O.RDONLY, c))).toBe(E.ENOENT);
    expect(errno(() => f.setattr!({ mode: 0o777 }))).toBe(E.ENOENT);
    expect(errno(() => e.create('x', { mode: S.IFREG | 0o644 }, c))).toBe(E.ENOENT);
    expect(errno(() => d.unlink!('secret', false))).toBe(E.ENOENT);
    expect(e.readdir(c)).toEqual([]);
    // Still open: attributes come from the descriptor (the file lives on as d2/f).
    expect(f.stat().size).toBe(4);
    expect(f.stat().nlink).toBe(1);
    expect(text(fh)).toBe('mine');
    fh.close!();
    expect(f.stat().nlink).toBe(0);
    expect(nfs.readFileSync(join(outside, 'f'), 'utf8')).toBe(SECRET);
    expect(nfs.statSync(join(outside, 'f')).mode & 0o777).not.toBe(0o777);
  });

  it('a held file replaced on the host by a symlink is stale', () => {
    const { root, fs } = fresh();
    const hello = fs.root.lookup('hello', c)!;
    nfs.unlinkSync(join(root, 'hello'));
    nfs.symlinkSync(join(outside, 'victim'), join(root, 'hello'));
    expect(errno(() => hello.open!(O.RDONLY, c))).toBe(E.ENOENT);
    expect(errno(() => hello.setattr!({ mode: 0o666 }))).toBe(E.ENOENT);
    expect(errno(() => hello.setattr!({ size: 0 }))).toBe(E.ENOENT);
    expect(nfs.statSync(join(outside, 'victim')).mode & 0o777).toBe(0o600);
    expect(nfs.readFileSync(join(outside, 'victim'), 'utf8')).toBe(SECRET);
    // A fresh lookup sees what is there now: a symlink.
    expect(fs.root.lookup('hello', c)).toBeInstanceOf(HostSymlink);
  });

  it('a held directory replaced on the host by a symlink is stale', () => {
    const { root, fs } = fresh();
    const sub = dirOf(fs.root.lookup('sub', c));
    nfs.renameSync(join(root, 'sub'), join(root, 'sub-old'));
    nfs.symlinkSync(outside, join(root, 'sub'));
    expect(errno(() => sub.lookup('secret', c))).toBe(E.ENOENT);
    expect(sub.readdir(c)).toEqual([]);
    expect(errno(() => sub.create('planted', { mode: S.IFREG | 0o644 }, c))).toBe(E.ENOENT);
    expect(nfs.existsSync(join(outside, 'planted'))).toBe(false);
  });
});

describe('HostFs: read-only mounts', () => {
  let fs: HostFs;
  beforeEach(() => {
    fs = fresh(true).fs;
  });

  it('refuses every change with EROFS', () => {
    const hello = fs.root.lookup('hello', c)!;
    const sub = fs.root.lookup('sub', c)!;
    const ro = [
      () => fs.root.create('x', { mode: S.IFREG | 0o644 }, c),
      () => fs.root.create('x', { mode: S.IFDIR | 0o755 }, c),
      () => fs.root.create('x', { mode: S.IFLNK | 0o777, target: 'y' }, c),
      () => fs.root.link!('x', hello),
      () => fs.root.unlink!('hello', false),
      () => fs.root.unlink!('sub', true),
      () => fs.root.rename!('hello', fs.root, 'x', false),
      () => hello.setattr!({ mode: 0o777 }),
      () => hello.setattr!({ uid: 0 }),
      () => hello.setattr!({ size: 0 }),
      () => hello.setattr!({ mtimeNs: 0n }),
      () => sub.setattr!({ mode: 0o777 }),
      () => hello.open!(O.WRONLY, c),
      () => hello.open!(O.RDWR, c),
    ];
    for (const op of ro) expect(errno(op)).toBe(E.EROFS);
    expect(fs.readonly).toBe(true);
  });

  it('still reads', () => {
    expect(text(handleOf(fs.root.lookup('hello', c)!))).toBe('hello world');
    expect(fs.root.readdir(c).length).toBe(6);
    expect(fs.root.lookup('hello', c)).toBeInstanceOf(HostInode);
  });
});
