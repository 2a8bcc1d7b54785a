import { describe, expect, it } from 'vitest';
import {
  AddressSpace, decodeLossless, E, type FileStat, O, OpenFile, Process, ProcessMemory, S, SIG_IGN, SIGNALS, Thread,
} from '@kandelo/kernel-core';
import { fakeClock } from '@kandelo/kernel-core/testing';
import { PipeFs } from '../files/pipe-fs.js';
import type { Caller, Inode } from '../vfs/inode.js';
import { OpenFileInode } from './open-file-inode.js';
import { pidIno } from './pid-dir.js';
import { ProcFs } from './proc-fs.js';
import type { ProcSource } from './proc-source.js';

const SEC = 1_000_000_000n;
const dec = new TextDecoder();
const kernelCaller: Caller = { uid: 0, gid: 0, groups: [] };

/** A process as the kernel would have it after exec: memory, layout, one parked main thread. */
function makeProcess(pid: number): { p: Process; th: Thread } {
  const p = new Process(pid, 2n * SEC);
  p.ppid = 1;
  p.sid = 1;
  p.creds = { uid: 0, euid: 1000, suid: 0, gid: 0, egid: 1001, sgid: 0, groups: [4, 24] };
  p.argv = ['sh', '-c', 'echo hi'];
  p.envp = ['HOME=/root', 'PATH=/bin'];
  p.exe = '/bin/sh';
  p.cwd = '/tmp';
  p.memory = new ProcessMemory(new WebAssembly.Memory({ initial: 4, maximum: 64, shared: true }));
  p.mm = new AddressSpace(64 * 65536);
  p.mm.brkStart = 0x20000;
  p.mm.brk = 0x21800;
  p.mm.insert({ start: 0x30000, end: 0x32000, prot: 3, flags: 0x22, name: '' });
  p.mm.insert({ start: 0x32000, end: 0x33000, prot: 1, flags: 0x01, name: '/data/file' });
  const th = new Thread(pid, p, 1024, { runAgain: () => {} });
  th.parked = true;
  p.threads.set(pid, th);
  return { p, th };
}

function setup() {
  const table = new Map<number, Process>();
  const source: ProcSource = {
    processes: () => table.values(),
    process: (pid) => table.get(pid),
    uptimeNs: () => 5n * SEC,
    realtimeNs: () => 1_700_000_005n * SEC,
    mounts: (p) => `rootfs / tmpfs rw 0 0 # for ${p?.pid}\n`,
    memoryTotal: () => 1 << 30,
    memoryFree: () => 1 << 29,
    cpus: 4,
    hostname: () => 'box',
  };
  const fs = new ProcFs({ dev: 0x22, source });
  const { p, th } = makeProcess(42);
  table.set(42, p);
  const caller: Caller = { uid: 0, gid: 0, groups: [], process: p, thread: th };
  const at = (...names: string[]): Inode => {
    let n: Inode = fs.root;
    for (const name of names) {
      const next = n.lookup!(name, caller);
      if (!next) throw new Error(`no ${names.join('/')}`);
      n = next;
    }
    return n;
  };
  const bytes = (node: Inode): Uint8Array => {
    const r = node.open!(O.RDONLY, caller);
    if (!('ops' in r)) throw new Error('expected ops');
    const f = new OpenFile(r.ops, O.RDONLY, '');
    f.state = r.state;
    const out = new Uint8Array(65536);
    const n = r.ops.read!(f, th, out, null);
    return out.slice(0, n);
  };
  const read = (node: Inode): string => dec.decode(bytes(node));
  return { fs, table, source, p, th, caller, at, bytes, read };
}

describe('/proc/<pid> files', () => {
  it('lists the entries of a process, owned by its euid/egid', () => {
    const { at, caller, p } = setup();
    const dir = at('42');
    expect(dir.readdir!(caller).map((e) => e.name)).toEqual([
      'fd', 'fdinfo', 'environ', 'limits', 'status', 'comm', 'cmdline', 'stat', 'statm', 'maps', 'mounts', 'cwd', 'root', 'exe',
    ]);
    expect(dir.stat()).toMatchObject({ mode: S.IFDIR | 0o555, uid: 1000, gid: 1001, nlink: 4 });
    expect(at('42', 'environ').stat()).toMatchObject({ mode: S.IFREG | 0o400, uid: 1000 });
    expect(at('42', 'fd').stat().mode).toBe(S.IFDIR | 0o500);
    p.creds.euid = 5;
    expect(dir.stat().uid).toBe(5);
    // Node times: boot (realtime - uptime) plus the process's start.
    expect(dir.stat().mtimeNs).toBe(1_700_000_002n * SEC);
  });

  it('keeps inode numbers stable per (pid, entry)', () => {
    const { at, fs, caller } = setup();
    expect(at('42').ino).toBe(pidIno(42, 0));
    expect(at('42', 'status').ino).toBe(at('42', 'status').ino);
    expect(at('42', 'fd').ino).toBe(pidIno(42, 1));
    expect(fs.root.readdir!(caller).find((e) => e.name === '42')!.ino).toBe(pidIno(42, 0));
    expect(new Set(at('42').readdir!(caller).map((e) => e.ino)).size).toBe(14);
  });

  it('cmdline and environ: NUL-terminated strings', () => {
    const { at, bytes } = setup();
    expect([...bytes(at('42', 'cmdline'))]).toEqual([...new TextEncoder().encode('sh\0-c\0echo hi\0')]);
    expect(dec.decode(bytes(at('42', 'environ')))).toBe('HOME=/root\0PATH=/bin\0');
  });

  it('cmdline: the bytes execve was given, non-UTF-8 ones included', () => {
    const { at, bytes, p } = setup();
    p.argv = ['grep', decodeLossless(Uint8Array.of(0x9b, 0x61, 0xc3, 0xa9))];
    expect([...bytes(at('42', 'cmdline'))]).toEqual([0x67, 0x72, 0x65, 0x70, 0, 0x9b, 0x61, 0xc3, 0xa9, 0]);
  });

  it('status: identity, state, credentials, memory, signals', () => {
    const { at, read, p, th } = setup();
    th.sigmask = 1n << BigInt(SIGNALS.SIGUSR1 - 1);
    p.signals.actions[SIGNALS.SIGINT]!.handler = SIG_IGN;
    p.signals.actions[SIGNALS.SIGTERM]!.handler = 0x1234;
    const status = read(at('42', 'status'));
    const field = (k: string) => status.match(new RegExp(`^${k}:\\t(.*)$`, 'm'))?.[1];
    expect(status.startsWith('Name:\tsh\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t42\n')).toBe(true);
    expect(field('Pid')).toBe('42');
    expect(field('PPid')).toBe('1');
    expect(field('Uid')).toBe('0\t1000\t0\t1000');
    expect(field('Gid')).toBe('0\t1001\t0\t1001');
    expect(field('Groups')).toBe('4 24 ');
    expect(field('Threads')).toBe('1');
    expect(field('VmSize')).toBe('     256 kB');
    expect(field('VmRSS')).toBe('     256 kB');
    expect(field('SigBlk')).toBe('0000000000000200');
    expect(field('SigIgn')).toBe('0000000000000002');
    expect(field('SigCgt')).toBe('0000000000004000');
    expect(field('Cpus_allowed_list')).toBe('0-3');
    expect(status.endsWith('\n')).toBe(true);
  });

  it('status follows the state: running, stopped', () => {
    const { at, read, p, th } = setup();
    th.parked = false;
    expect(read(at('42', 'status'))).toContain('\nState:\tR (running)\n');
    p.stopSignal = SIGNALS.SIGSTOP;
    expect(read(at('42', 'status'))).toContain('\nState:\tT (stopped)\n');
  });

  it('stat: 52 fields in Linux order', () => {
    const { at, read, p } = setup();
    p.pgid = 40;
    const text = read(at('42', 'stat'));
    expect(text.endsWith('\n')).toBe(true);
    const f = text.trimEnd().split(' ');
    expect(f).toHaveLength(52);
    expect(f.slice(0, 9)).toEqual(['42', '(sh)', 'S', '1', '40', '1', '0', '-1', '4194304']);
    expect(f[13]).toBe('300'); // utime: 3 s since start, in ticks
    expect(f[19]).toBe('1'); // num_threads
    expect(f[21]).toBe('200'); // starttime: 2 s after boot, in ticks
    expect(f[22]).toBe(String(4 * 65536)); // vsize
    expect(f[23]).toBe('64'); // rss in pages
    expect(f[37]).toBe('17'); // exit_signal
  });

  it('statm, comm, limits', () => {
    const { at, read } = setup();
    expect(read(at('42', 'statm'))).toBe('64 64 0 0 0 64 0\n');
    expect(read(at('42', 'comm'))).toBe('sh\n');
    const limits = read(at('42', 'limits')).split('\n');
    expect(limits[0]).toBe('Limit                     Soft Limit           Hard Limit           Units     ');
    expect(limits[8]).toBe('Max open files            1024                 4096                 files     ');
    expect(limits[1]).toBe('Max cpu time              unlimited            unlimited            seconds   ');
  });

  it('maps: image, heap, then the mappings, in Linux columns', () => {
    const { at, read } = setup();
    const pad = (s: string) => s.padEnd(48);
    expect(read(at('42', 'maps'))).toBe(
      `${pad('00000000-00020000 rw-p 00000000 00:00 0 ')} /bin/sh\n` +
        `${pad('00020000-00022000 rw-p 00000000 00:00 0 ')} [heap]\n` +
        '00030000-00032000 rw-p 00000000 00:00 0 \n' +
        `${pad('00032000-00033000 r--s 00000000 00:00 0 ')} /data/file\n`,
    );
  });

  it('cwd, root, exe links and mounts', () => {
    const { at, read, caller } = setup();
    expect(at('42', 'cwd').readlink!(caller)).toBe('/tmp');
    expect(at('42', 'root').readlink!(caller)).toBe('/');
    expect(at('42', 'exe').readlink!(caller)).toBe('/bin/sh');
    expect(at('42', 'exe').stat().mode).toBe(S.IFLNK | 0o777);
    expect(read(at('42', 'mounts'))).toBe('rootfs / tmpfs rw 0 0 # for 42\n');
  });

  it('a zombie: state Z, no command line, no links, no descriptors', () => {
    const { at, read, caller, p } = setup();
    p.markExited(0x0100);
    expect(read(at('42', 'status'))).toContain('\nState:\tZ (zombie)\n');
    expect(read(at('42', 'status'))).not.toContain('VmSize');
    expect(read(at('42', 'stat')).split(' ')[2]).toBe('Z');
    expect(read(at('42', 'stat')).trimEnd().split(' ')[51]).toBe(String(0x0100));
    expect(read(at('42', 'cmdline'))).toBe('');
    expect(read(at('42', 'maps'))).toBe('');
    expect(() => at('42', 'exe').readlink!(caller)).toThrow(E.ENOENT as never);
    expect(at('42', 'fd').readdir!(caller)).toEqual([]);
  });

  it('a reaped process: its pid is gone, nodes found earlier answer ENOENT/ESRCH', () => {
    const { fs, at, table, caller } = setup();
    const dir = at('42');
    const stat = at('42', 'stat');
    const cwd = at('42', 'cwd');
    table.delete(42);
    expect((fs.root as Inode).lookup!('42', caller)).toBeUndefined();
    expect(dir.lookup!('stat', caller)).toBeUndefined();
    expect(dir.readdir!(caller)).toEqual([]);
    expect(() => stat.open!(O.RDONLY, caller)).toThrow(E.ESRCH as never);
    expect(() => cwd.readlink!(caller)).toThrow(E.ENOENT as never);
    // The pid handed to a new process: a new directory with the same numbers, not the old one.
    const { p: again } = makeProcess(42);
    table.set(42, again);
    const fresh = (fs.root as Inode).lookup!('42', caller)!;
    expect(fresh).not.toBe(dir);
    expect(fresh.ino).toBe(dir.ino);
    expect(dir.lookup!('stat', caller)).toBeUndefined();
  });
});

describe('/proc/<pid>/fd', () => {
  /** A pipe in fds 0 (read) and 1 (write), and a file with a node in fd 2 (close-on-exec). */
  function withFds() {
    const s = setup();
    const pipes = new PipeFs({ clock: fakeClock, signal: () => {} });
    const [r, w] = pipes.create(s.th, false);
    s.p.fds.alloc(r);
    s.p.fds.alloc(w);
    const fileStat: FileStat = {
      dev: 0x30, ino: 77, mode: S.IFREG | 0o644, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 4096, blocks: 0,
      atimeNs: 0n, mtimeNs: 0n, ctimeNs: 0n,
    };
    const node = { ino: 77, stat: () => fileStat } as unknown as Inode;
    const file = new OpenFile({ seekable: true, stat: () => fileStat }, O.RDONLY, '/etc/passwd');
    file.node = node;
    file.offset = 12;
    s.p.fds.alloc(file, true);
    return { ...s, r, w, node, file };
  }

  it('lists open descriptors as links with access-mode permissions', () => {
    const { at, caller } = withFds();
    const fd = at('42', 'fd');
    expect(fd.readdir!(caller)).toEqual([
      { name: '0', ino: pidIno(42, 0x1000), type: 10 },
      { name: '1', ino: pidIno(42, 0x1001), type: 10 },
      { name: '2', ino: pidIno(42, 0x1002), type: 10 },
    ]);
    expect(fd.lookup!('3', caller)).toBeUndefined();
    expect(fd.lookup!('00', caller)).toBeUndefined();
    expect(at('42', 'fd', '0').stat()).toMatchObject({ mode: S.IFLNK | 0o500, size: 64, uid: 1000 });
    expect(at('42', 'fd', '1').stat().mode).toBe(S.IFLNK | 0o300);
  });

  it('readlink: the open path, pipe:[ino] for a pipe', () => {
    const { at, caller, r } = withFds();
    const ino = r.ops.stat(r).ino;
    expect(at('42', 'fd', '0').readlink!(caller)).toBe(`pipe:[${ino}]`);
    expect(at('42', 'fd', '1').readlink!(caller)).toBe(`pipe:[${ino}]`);
    expect(at('42', 'fd', '2').readlink!(caller)).toBe('/etc/passwd');
  });

  it('follow: the file\'s own node when it has one', () => {
    const { at, caller, node } = withFds();
    expect(at('42', 'fd', '2').follow!(caller)).toBe(node);
  });

  it('follow on a pipe: a node that reopens the pipe; data flows through the new ends', () => {
    const { at, caller, r, w, th } = withFds();
    const writeEnd = at('42', 'fd', '1').follow!(caller);
    expect(writeEnd).toBeInstanceOf(OpenFileInode);
    expect(writeEnd.stat().mode).toBe(S.IFIFO | 0o600);
    expect(writeEnd.fs.type).toBe('pipefs');
    expect(writeEnd.ino).toBe(r.ops.stat(r).ino);

    const opened = writeEnd.open!(O.WRONLY | O.CLOEXEC, caller);
    if (!('file' in opened)) throw new Error('expected a description');
    const w2 = opened.file;
    expect(w2).not.toBe(w);
    expect(w2.flags).toBe(O.WRONLY);
    expect(w2.ops.write!(w2, th, new TextEncoder().encode('hello'), null)).toBe(5);
    const out = new Uint8Array(16);
    expect(r.ops.read!(r, th, out, null)).toBe(5);
    expect(dec.decode(out.subarray(0, 5))).toBe('hello');

    const readEnd = at('42', 'fd', '0').follow!(caller).open!(O.RDONLY, caller);
    if (!('file' in readEnd)) throw new Error('expected a description');
    w.ops.write!(w, th, new TextEncoder().encode('again'), null);
    expect(readEnd.file.ops.read!(readEnd.file, th, out, null)).toBe(5);
    expect(dec.decode(out.subarray(0, 5))).toBe('again');

    // Closing every write end, the reopened one included, is end of file for readers.
    w2.unref();
    w.unref();
    expect(r.ops.read!(r, th, out, null)).toBe(0);
  });

  it('follow on a file without a node shares its description', () => {
    const { at, caller, p } = withFds();
    const con = new OpenFile({ seekable: false, stat: () => ({ ...at('42').stat(), ino: 101, dev: 5, mode: S.IFCHR | 0o620 }) }, O.WRONLY, '/dev/console');
    const fd = p.fds.alloc(con);
    const n = at('42', 'fd', String(fd)).follow!(caller);
    expect(n.fs.type).toBe('anon_inodefs');
    const opened = n.open!(O.WRONLY, caller);
    expect(opened).toEqual({ file: con });
  });

  it('links of a closed descriptor answer ENOENT', () => {
    const { at, caller, p } = withFds();
    const link = at('42', 'fd', '2');
    p.fds.close(2);
    expect(() => link.readlink!(caller)).toThrow(E.ENOENT as never);
    expect(() => link.follow!(caller)).toThrow(E.ENOENT as never);
    expect(at('42', 'fd').lookup!('2', caller)).toBeUndefined();
  });

  it('fdinfo: position, flags with O_CLOEXEC, inode', () => {
    const { at, read, caller } = withFds();
    expect(at('42', 'fdinfo').readdir!(caller).map((e) => [e.name, e.type])).toEqual([['0', 8], ['1', 8], ['2', 8]]);
    expect(read(at('42', 'fdinfo', '2'))).toBe('pos:\t12\nflags:\t02000000\nmnt_id:\t0\nino:\t77\n');
    expect(read(at('42', 'fdinfo', '1'))).toMatch(/^pos:\t0\nflags:\t01\n/);
  });

  it('kernel callers without a process still reach /proc/<pid>', () => {
    const { fs } = setup();
    expect((fs.root as Inode).lookup!('42', kernelCaller)).toBeDefined();
  });
});
