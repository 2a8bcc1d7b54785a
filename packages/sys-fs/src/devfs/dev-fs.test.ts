import { describe, expect, it } from 'vitest';
import { E, type FileOps, O, OpenFile, POLL, S } from '@kandelo/kernel-core';
import { fakeClock, testThread } from '@kandelo/kernel-core/testing';
import type { Caller, Inode, OpenResult } from '../vfs/inode.js';
import { DEV, DevFs, TMPFS_MAGIC } from './dev-fs.js';

const caller: Caller = { uid: 1000, gid: 1000, groups: [] };
/** A random source that counts up, so a read shows which bytes came from it. */
const countingRandom = () => {
  let next = 0;
  const calls: number[] = [];
  return { calls, fill: (out: Uint8Array) => { calls.push(out.length); for (let i = 0; i < out.length; i++) out[i] = next++ & 0xff; } };
};

function setup(tty?: (c: Caller) => OpenResult | undefined) {
  const random = countingRandom();
  const fs = new DevFs({ dev: 0x21, random, clock: fakeClock, controllingTty: tty });
  const node = (name: string): Inode => fs.root.lookup(name)!;
  /** Opens a device the way the VFS does: a description over the node's ops and state. */
  const open = (name: string, flags: number = O.RDWR): OpenFile => {
    const r = node(name).open!(flags, caller);
    if (!('ops' in r)) throw new Error('expected ops');
    const f = new OpenFile(r.ops, flags, `/dev/${name}`);
    f.state = r.state;
    f.node = node(name);
    return f;
  };
  return { fs, random, node, open, t: testThread() };
}

describe('devfs tree', () => {
  it('lists the devices, links and directories with Linux numbers and modes', () => {
    const { fs, node } = setup();
    expect(fs.type).toBe('devtmpfs');
    expect(fs.statfs().magic).toBe(TMPFS_MAGIC);
    const names = fs.root.readdir().map((e) => e.name);
    expect(names).toEqual(['null', 'zero', 'full', 'random', 'urandom', 'tty', 'ptmx', 'fd', 'stdin', 'stdout', 'stderr', 'shm', 'pts']);
    const st = node('null').stat();
    expect(st.mode).toBe(S.IFCHR | 0o666);
    expect(st.rdev).toBe(0x103);
    expect(st.dev).toBe(0x21);
    expect(st.uid).toBe(0);
    expect(node('zero').stat().rdev).toBe(0x105);
    expect(node('full').stat().rdev).toBe(0x107);
    expect(node('random').stat().rdev).toBe(0x108);
    expect(node('urandom').stat().rdev).toBe(0x109);
    expect(node('tty').stat()).toMatchObject({ rdev: 0x500, mode: S.IFCHR | 0o666, gid: 5 });
    expect(DEV.tty).toBe(0x500);
    expect(node('shm').stat().mode).toBe(S.IFDIR | 0o1777);
    expect(node('pts').stat().mode).toBe(S.IFDIR | 0o755);
    expect(fs.root.stat().nlink).toBe(4);
    expect(fs.root.readdir().find((e) => e.name === 'fd')!.type).toBe(10);
    expect(fs.root.readdir().find((e) => e.name === 'null')!.type).toBe(2);
    expect(fs.root.lookup('nope')).toBeUndefined();
    expect(node('shm').readdir!(caller)).toEqual([]);
  });

  it('links fd and the standard streams into /proc/self', () => {
    const { node } = setup();
    expect(node('fd').readlink!(caller)).toBe('/proc/self/fd');
    expect(node('stdin').readlink!(caller)).toBe('/proc/self/fd/0');
    expect(node('stdout').readlink!(caller)).toBe('/proc/self/fd/1');
    expect(node('stderr').readlink!(caller)).toBe('/proc/self/fd/2');
    expect(node('stderr').stat()).toMatchObject({ mode: S.IFLNK | 0o777, size: 15 });
  });

  it('keeps chmod and chown in memory, type bits untouched', () => {
    const { node, open } = setup();
    node('null').setattr!({ mode: 0o600, uid: 7, gid: 8 });
    expect(node('null').stat()).toMatchObject({ mode: S.IFCHR | 0o600, uid: 7, gid: 8 });
    const f = open('null');
    expect(f.ops.stat(f).mode).toBe(S.IFCHR | 0o600);
    expect(() => node('null').setattr!({ size: 0 })).toThrow(E.EINVAL as never);
    expect(() => node('shm').setattr!({ size: 0 })).toThrow(E.EISDIR as never);
  });

  it('has no way to make nodes (the VFS answers EPERM)', () => {
    const { fs } = setup();
    expect((fs.root as Inode).create).toBeUndefined();
    expect((fs.root as Inode).unlink).toBeUndefined();
  });
});

describe('memory devices', () => {
  const read = (ops: FileOps, f: OpenFile, t: ReturnType<typeof testThread>, n: number) => {
    const out = new Uint8Array(n).fill(0xee);
    const r = ops.read!(f, t, out, null);
    return { r, out };
  };

  it('/dev/null: EOF on read, swallows writes, seekable, always ready', () => {
    const { open, t } = setup();
    const f = open('null');
    expect(read(f.ops, f, t, 8).r).toBe(0);
    expect(f.ops.write!(f, t, new Uint8Array(100), null)).toBe(100);
    expect(f.ops.seekable).toBe(true);
    expect(f.ops.poll!(f) & (POLL.IN | POLL.OUT)).toBe(POLL.IN | POLL.OUT);
    expect(f.offset).toBe(0);
  });

  it('/dev/zero: zeros on read, swallows writes', () => {
    const { open, t } = setup();
    const f = open('zero');
    const { r, out } = read(f.ops, f, t, 16);
    expect(r).toBe(16);
    expect([...out]).toEqual(new Array(16).fill(0));
    expect(f.ops.write!(f, t, new Uint8Array(5), null)).toBe(5);
  });

  it('/dev/full: zeros on read, ENOSPC on write', () => {
    const { open, t } = setup();
    const f = open('full');
    const { r, out } = read(f.ops, f, t, 4);
    expect(r).toBe(4);
    expect([...out]).toEqual([0, 0, 0, 0]);
    expect(() => f.ops.write!(f, t, new Uint8Array([1]), null)).toThrow(E.ENOSPC as never);
  });

  it('/dev/urandom and /dev/random read the host CSPRNG in 64 KiB chunks; writes are accepted', () => {
    const { open, random, t } = setup();
    const f = open('urandom');
    const { r, out } = read(f.ops, f, t, 6);
    expect(r).toBe(6);
    expect([...out]).toEqual([0, 1, 2, 3, 4, 5]);
    const big = new Uint8Array(70000);
    expect(f.ops.read!(f, t, big, null)).toBe(70000);
    expect(random.calls).toEqual([6, 65536, 70000 - 65536]);
    expect(f.ops.write!(f, t, new Uint8Array(3), null)).toBe(3);
    const g = open('random', O.RDONLY);
    expect(read(g.ops, g, t, 2).out[0]).toBe(70006 & 0xff);
  });
});

describe('/dev/tty', () => {
  it('is ENXIO without a controlling terminal', () => {
    expect(() => setup().node('tty').open!(O.RDWR, caller)).toThrow(E.ENXIO as never);
    expect(() => setup(() => undefined).node('tty').open!(O.RDWR, caller)).toThrow(E.ENXIO as never);
  });

  it("opens the caller's controlling terminal through the callback", () => {
    const term = new OpenFile({ seekable: false, stat: () => { throw E.EIO; } }, O.RDWR, '/dev/pts/0');
    const asked: Caller[] = [];
    const { node } = setup((c) => {
      asked.push(c);
      return { file: term };
    });
    const r = node('tty').open!(O.RDWR, caller);
    expect(r).toEqual({ file: term });
    expect(asked).toEqual([caller]);
  });
});
