import { describe, expect, it } from 'vitest';
import { E, O, OpenFile, Process, S } from '@kandelo/kernel-core';
import { testThread } from '@kandelo/kernel-core/testing';
import type { Caller, Inode } from '../vfs/inode.js';
import { PROC_ROOT_INO, PROC_SUPER_MAGIC, ProcFs } from './proc-fs.js';
import type { ProcSource } from './proc-source.js';

const SEC = 1_000_000_000n;

/** A process table of plain Process objects and a clock 5 s after a boot at t = 1.7e9 s. */
function setup() {
  const table = new Map<number, Process>();
  const source: ProcSource = {
    processes: () => table.values(),
    process: (pid) => table.get(pid),
    uptimeNs: () => 5n * SEC + 250_000_000n,
    realtimeNs: () => 1_700_000_005n * SEC + 250_000_000n,
    mounts: () => 'proc /proc proc rw,nosuid,nodev,noexec 0 0\n',
    memoryTotal: () => 1 << 30,
    memoryFree: () => 768 << 20,
    cpus: 2,
    hostname: () => 'box',
  };
  const fs = new ProcFs({ dev: 0x22, source });
  const add = (pid: number, uid = 0): Process => {
    const p = new Process(pid, 0n);
    p.creds = { ...p.creds, euid: uid, egid: uid + 1 };
    table.set(pid, p);
    return p;
  };
  const caller = (p?: Process): Caller => ({ uid: 0, gid: 0, groups: [], process: p });
  const t = testThread();
  /** Opens a generated file the way the VFS does and reads it to the end in small pieces. */
  const read = (node: Inode, c: Caller = caller()): string => {
    const r = node.open!(O.RDONLY, c);
    if (!('ops' in r)) throw new Error('expected ops');
    const f = new OpenFile(r.ops, O.RDONLY, '');
    f.state = r.state;
    let text = '';
    const dec = new TextDecoder();
    for (;;) {
      const out = new Uint8Array(7);
      const n = r.ops.read!(f, t, out, null);
      if (n === 0) break;
      text += dec.decode(out.subarray(0, n), { stream: true });
    }
    return text;
  };
  const at = (...names: string[]): Inode => {
    let n: Inode = fs.root;
    for (const name of names) n = n.lookup!(name, caller())!;
    return n;
  };
  return { fs, table, source, add, caller, read, at, t };
}

describe('procfs root', () => {
  it('is a proc filesystem with Linux root inode and magic', () => {
    const { fs } = setup();
    expect(fs.type).toBe('proc');
    expect(fs.statfs().magic).toBe(PROC_SUPER_MAGIC);
    expect(fs.root.ino).toBe(PROC_ROOT_INO);
    expect(fs.root.stat()).toMatchObject({ mode: S.IFDIR | 0o555, uid: 0, dev: 0x22 });
  });

  it('lists the fixed entries, then processes in pid order', () => {
    const { fs, add, caller } = setup();
    add(12);
    add(3);
    const names = fs.root.readdir!(caller()).map((e) => e.name);
    expect(names).toEqual([
      'self', 'mounts', 'meminfo', 'cpuinfo', 'uptime', 'loadavg', 'version', 'stat', 'filesystems', 'cmdline', 'sys', '3',
      '12',
    ]);
    const types = Object.fromEntries(fs.root.readdir!(caller()).map((e) => [e.name, e.type]));
    expect(types).toMatchObject({ self: 10, meminfo: 8, sys: 4, 3: 4 });
    expect(fs.root.stat().nlink).toBe(2 + 1 + 2);
  });

  it('answers /proc/self with the caller\'s pid, ENOENT without a process', () => {
    const { at, add, caller } = setup();
    const p = add(7);
    const self = at('self');
    expect(self.stat().mode).toBe(S.IFLNK | 0o777);
    expect(self.readlink!(caller(p))).toBe('7');
    expect(() => self.readlink!(caller())).toThrow(E.ENOENT as never);
    expect(at('mounts').readlink!(caller(p))).toBe('self/mounts');
  });

  it('finds live pids only, by canonical decimal name', () => {
    const { fs, add, caller } = setup();
    add(5);
    expect((fs.root as Inode).lookup!('5', caller())).toBeDefined();
    expect((fs.root as Inode).lookup!('99', caller())).toBeUndefined();
    expect((fs.root as Inode).lookup!('05', caller())).toBeUndefined();
    expect((fs.root as Inode).lookup!('+5', caller())).toBeUndefined();
    expect((fs.root as Inode).lookup!('nope', caller())).toBeUndefined();
  });
});

describe('system files', () => {
  it('meminfo: 16-column labels, 8-column kB values', () => {
    const { at, read } = setup();
    const text = read(at('meminfo'));
    const lines = text.split('\n');
    expect(lines[0]).toBe('MemTotal:        1048576 kB');
    expect(lines[1]).toBe('MemFree:          786432 kB');
    expect(lines[2]).toBe('MemAvailable:     786432 kB');
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^[A-Za-z_()]+:\s+\d+ kB$/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('uptime: seconds with two decimals, then idle', () => {
    const { at, read } = setup();
    expect(read(at('uptime'))).toBe('5.25 0.00\n');
  });

  it('cpuinfo: one block per CPU', () => {
    const { at, read } = setup();
    const text = read(at('cpuinfo'));
    expect(text.match(/^processor\t: \d+$/gm)).toEqual(['processor\t: 0', 'processor\t: 1']);
    expect(text.split('\n\n').filter((b) => b).length).toBe(2);
  });

  it('loadavg, version, stat btime, filesystems, mounts, sys/kernel', () => {
    const { at, read, add, caller } = setup();
    add(1);
    add(9);
    expect(read(at('loadavg'))).toBe('0.00 0.00 0.00 0/0 9\n');
    expect(read(at('version'))).toMatch(/^Linux version 6\.1\.0-kandelo .*#1 SMP kandelo\n$/);
    const stat = read(at('stat'));
    expect(stat).toMatch(/^cpu  0 0 0 1050 0 0 0 0 0 0\ncpu0 0 0 0 525 /);
    expect(stat).toContain('\nbtime 1700000000\n');
    expect(read(at('filesystems'))).toContain('nodev\tproc\n');
    expect(read(at('cmdline'))).toBe('\n');
    expect(read(at('sys', 'kernel', 'hostname'))).toBe('box\n');
    expect(read(at('sys', 'kernel', 'ostype'))).toBe('Linux\n');
    expect(read(at('sys', 'kernel', 'osrelease'))).toBe('6.1.0-kandelo\n');
    expect(read(at('1', 'mounts'), caller())).toBe('proc /proc proc rw,nosuid,nodev,noexec 0 0\n');
  });

  it('snapshots at open, reads at an offset, refuses writes', () => {
    const { at, t } = setup();
    const node = at('uptime');
    const r = node.open!(O.RDONLY, { uid: 0, gid: 0, groups: [] });
    if (!('ops' in r)) throw new Error('expected ops');
    const f = new OpenFile(r.ops, O.RDONLY, '/proc/uptime');
    f.state = r.state;
    expect(r.ops.seekable).toBe(true);
    const out = new Uint8Array(4);
    expect(r.ops.read!(f, t, out, 2)).toBe(4);
    expect(new TextDecoder().decode(out)).toBe('25 0');
    expect(f.offset).toBe(0);
    expect(r.ops.read!(f, t, out, 100)).toBe(0);
    expect(r.ops.stat(f).ino).toBe(node.ino);
    expect(r.ops.write).toBeUndefined();
    expect(() => node.open!(O.WRONLY, { uid: 0, gid: 0, groups: [] })).toThrow(E.EACCES as never);
    expect(() => node.open!(O.RDWR, { uid: 0, gid: 0, groups: [] })).toThrow(E.EACCES as never);
  });
});
