import { E, type Process } from '@kandelo/kernel-core';
import type { FileSystem, FsStats, Inode } from '../vfs/inode.js';
import { PidDir } from './pid-dir.js';
import { type Generator, type NodeInit, parseDecimal, ProcDir, ProcFile, ProcLink, StaticDir } from './proc-node.js';
import type { ProcSource } from './proc-source.js';
import * as sys from './system-files.js';

export const PROC_SUPER_MAGIC = 0x9fa0;
/** Linux's PROC_ROOT_INO. */
export const PROC_ROOT_INO = 1;

export interface ProcFsOptions {
  /** st_dev of every node (Vfs.allocDev()). */
  readonly dev: number;
  readonly source: ProcSource;
}

/**
 * procfs: the kernel's state as files. /proc/<pid> for every live and zombie process, /proc/self,
 * and the system-wide files. Nothing is stored: lookups consult the process table, and a file's
 * content is generated when it is opened.
 */
export class ProcFs implements FileSystem {
  readonly type = 'proc';
  readonly readonly = false;
  readonly dev: number;
  readonly source: ProcSource;
  readonly root: ProcRoot;
  /** Wall-clock time of boot, fixed at mount so node times do not jitter. */
  readonly bootRealtimeNs: bigint;
  private readonly dirs = new WeakMap<Process, PidDir>();
  private nextIno = PROC_ROOT_INO;

  constructor(opts: ProcFsOptions) {
    this.dev = opts.dev;
    this.source = opts.source;
    this.bootRealtimeNs = opts.source.realtimeNs() - opts.source.uptimeNs();
    this.root = new ProcRoot(this);
  }

  /** Inode numbers for the fixed nodes (below PID_INO_BASE; handed out in a fixed order, so stable). */
  allocIno(): number {
    return this.nextIno++;
  }

  /** The /proc/<pid> directory of `p`, one per Process (a reused pid gets a new one). */
  pidDir(p: Process): PidDir {
    let d = this.dirs.get(p);
    if (!d) {
      d = new PidDir(this, p);
      this.dirs.set(p, d);
    }
    return d;
  }

  statfs(): FsStats {
    return { magic: PROC_SUPER_MAGIC, bsize: 4096, blocks: 0, bfree: 0, files: 0, ffree: 0, namelen: 255 };
  }
}

/** /proc itself: the fixed entries, then one directory per process in pid order. */
export class ProcRoot extends ProcDir {
  private readonly fixed = new Map<string, Inode>();

  constructor(private readonly procfs: ProcFs) {
    super(procfs, { ino: procfs.allocIno(), perm: 0o555, timeNs: procfs.bootRealtimeNs });
    this.build();
  }

  private build(): void {
    const fs = this.procfs;
    const src = fs.source;
    const init = (perm: number): NodeInit => ({ ino: fs.allocIno(), perm, timeNs: fs.bootRealtimeNs });
    const root = this;
    const file = (dir: ProcRoot | StaticDir, name: string, gen: Generator) => dir.add(name, new ProcFile(fs, init(0o444), gen));

    root.add('self', new ProcLink(fs, init(0o777), (c) => {
      if (!c.process) throw E.ENOENT;
      return String(c.process.pid);
    }));
    // Linux: /proc/mounts -> self/mounts, so each process sees its own view.
    root.add('mounts', new ProcLink(fs, init(0o777), () => 'self/mounts'));
    file(root, 'meminfo', () => sys.meminfo(src));
    file(root, 'cpuinfo', () => sys.cpuinfo(src));
    file(root, 'uptime', () => sys.uptime(src));
    file(root, 'loadavg', () => sys.loadavg(src));
    file(root, 'version', () => sys.version(src));
    file(root, 'stat', () => sys.systemStat(src));
    file(root, 'filesystems', () => sys.filesystems(src));
    // The kernel's boot parameters: kandelo is started with none, so an empty line as Linux prints it.
    file(root, 'cmdline', () => '\n');
    const sysDir = root.add('sys', new StaticDir(fs, init(0o555)));
    const kernel = sysDir.add('kernel', new StaticDir(fs, init(0o555)));
    file(kernel, 'hostname', () => `${src.hostname()}\n`);
    file(kernel, 'ostype', () => 'Linux\n');
    file(kernel, 'osrelease', () => `${sys.osRelease(src)}\n`);
    file(kernel, 'version', () => `${sys.osVersion(src)}\n`);
  }

  /** Adds a fixed entry (listed before the processes; a numeric name would shadow a pid). */
  add<T extends Inode>(name: string, node: T): T {
    this.fixed.set(name, node);
    return node;
  }

  private sortedProcesses(): Process[] {
    return [...this.procfs.source.processes()].sort((a, b) => a.pid - b.pid);
  }

  protected override subdirs(): number {
    return 1 + this.sortedProcesses().length; // sys, then one per process
  }

  protected *entries(): Iterable<readonly [string, Inode]> {
    yield* this.fixed;
    for (const p of this.sortedProcesses()) yield [String(p.pid), this.procfs.pidDir(p)];
  }

  lookup(name: string): Inode | undefined {
    const fixed = this.fixed.get(name);
    if (fixed) return fixed;
    const pid = parseDecimal(name);
    const p = pid === undefined ? undefined : this.procfs.source.process(pid);
    return p ? this.procfs.pidDir(p) : undefined;
  }
}
