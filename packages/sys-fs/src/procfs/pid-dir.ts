import { E, type Process } from '@kandelo/kernel-core';
import type { Caller, FileSystem, Inode } from '../vfs/inode.js';
import { FdDir, type ProcessRef } from './fd-dir.js';
import { pidMaps } from './pid-maps.js';
import { nulJoined, pidComm, pidLimits, pidStat, pidStatm, pidStatus } from './pid-status.js';
import { type NodeInit, type Owner, ProcDir, ProcFile, ProcLink } from './proc-node.js';
import type { ProcSource } from './proc-source.js';

/**
 * Inode numbers under /proc/<pid>: a block of PID_INO_SPAN per pid above everything else, so a
 * number is stable for (pid, entry) and a reused pid gets the same numbers again (as Linux's
 * are, they are not unique over time). Entries take 1..0xfff, fd/N 0x1000 + N, fdinfo/N 0x2000 + N.
 */
export const PID_INO_BASE = 0x10000;
export const PID_INO_SPAN = 0x4000;
const FD_INO = 0x1000;
const FDINFO_INO = 0x2000;
/** Descriptors beyond the block (RLIMIT_NOFILE's hard limit is 4096) wrap around in it. */
const FD_MASK = 0xfff;

export const pidIno = (pid: number, local: number): number => PID_INO_BASE + pid * PID_INO_SPAN + local;

/** What a /proc/<pid> directory needs from procfs. */
export interface PidDirHost extends FileSystem {
  readonly source: ProcSource;
  /** Wall-clock time of boot (node times are boot + Process.startNs). */
  readonly bootRealtimeNs: bigint;
}

/**
 * /proc/<pid>: the files describing one process. The directory holds on to the Process it was
 * made for: once that process is reaped (or its pid given to another) lookups find nothing,
 * listings are empty, and opening a file already found gives ESRCH, as on Linux.
 */
export class PidDir extends ProcDir implements ProcessRef {
  readonly pid: number;
  readonly owner: () => Owner;
  readonly timeNs: bigint;
  private readonly children = new Map<string, Inode>();

  constructor(
    private readonly host: PidDirHost,
    readonly process: Process,
  ) {
    const owner = (): Owner => ({ uid: process.creds.euid, gid: process.creds.egid });
    const timeNs = host.bootRealtimeNs + process.startNs;
    super(host, { ino: pidIno(process.pid, 0), perm: 0o555, owner, timeNs });
    this.pid = process.pid;
    this.owner = owner;
    this.timeNs = timeNs;
    this.build();
  }

  alive(): Process | undefined {
    return this.host.source.process(this.pid) === this.process ? this.process : undefined;
  }

  /** The process for a generated file being opened; ESRCH once it is gone. */
  private live(): Process {
    const p = this.alive();
    if (!p) throw E.ESRCH;
    return p;
  }

  /** The entries, in Linux's listing order; inode numbers follow it, so keep additions at the end of a kind. */
  private build(): void {
    const src = this.host.source;
    let local = 0;
    const init = (perm: number): NodeInit => ({ ino: pidIno(this.pid, ++local), perm, owner: this.owner, timeNs: this.timeNs });
    const file = (name: string, perm: number, gen: (p: Process, c: Caller) => string | Uint8Array) =>
      this.children.set(name, new ProcFile(this.host, init(perm), (c) => gen(this.live(), c)));
    const link = (name: string, target: (p: Process) => string) =>
      this.children.set(name, new ProcLink(this.host, init(0o777), () => {
        const p = this.alive();
        // A zombie has no cwd, root or image left: Linux's readlink gives ENOENT.
        const t = p && !p.zombie ? target(p) : '';
        if (!t) throw E.ENOENT;
        return t;
      }));
    const fdDir = (kind: 'fd' | 'fdinfo', base: number) =>
      this.children.set(kind, new FdDir(this.host, init(0o500), this, kind, (fd) => pidIno(this.pid, base + (fd & FD_MASK))));

    fdDir('fd', FD_INO);
    fdDir('fdinfo', FDINFO_INO);
    file('environ', 0o400, (p) => nulJoined(p, p.envp));
    file('limits', 0o444, (p) => pidLimits(p));
    file('status', 0o444, (p) => pidStatus(p, src));
    file('comm', 0o444, (p) => pidComm(p));
    file('cmdline', 0o444, (p) => nulJoined(p, p.argv));
    file('stat', 0o444, (p) => pidStat(p, src));
    file('statm', 0o444, (p) => pidStatm(p));
    file('maps', 0o444, (p) => pidMaps(p));
    file('mounts', 0o444, (p) => src.mounts(p));
    link('cwd', (p) => p.cwd);
    link('root', (p) => p.root);
    link('exe', (p) => p.exe);
  }

  protected override subdirs(): number {
    return 2; // fd, fdinfo
  }

  protected entries(): Iterable<readonly [string, Inode]> {
    return this.alive() ? this.children : [];
  }

  lookup(name: string): Inode | undefined {
    return this.alive() ? this.children.get(name) : undefined;
  }
}
