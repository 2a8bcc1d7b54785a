import { E, type FileStat, O, S } from '@kandelo/kernel-core';
import type { Caller, DirEntry, FileSystem, Inode, OpenResult } from '../vfs/inode.js';
import { openSnapshot } from './snapshot-file.js';

/** Who owns a node; read at every stat, since a process's euid may change under its /proc dir. */
export interface Owner {
  readonly uid: number;
  readonly gid: number;
}

const ROOT: Owner = { uid: 0, gid: 0 };
export const rootOwner = (): Owner => ROOT;

/** d_type of a mode: Linux defines DT_x as S_IFx >> 12. */
import { dtype } from '../vfs/dtype.js';

export { dtype };

export interface NodeInit {
  readonly ino: number;
  /** Permission bits (Linux's fixed modes for each /proc entry). */
  readonly perm: number;
  readonly owner?: () => Owner;
  /** All three timestamps: when the thing the node shows came to be (boot, a process's start). */
  readonly timeNs: bigint;
}

/**
 * A procfs node. Nothing here is stored: attributes come from the node's description and
 * content from the system at open time. setattr is absent (EPERM), as Linux's procfs mostly is.
 */
export abstract class ProcNode implements Inode {
  readonly ino: number;
  private readonly attrs: NodeInit;

  constructor(
    readonly fs: FileSystem,
    init: NodeInit,
    private readonly type: number,
  ) {
    this.ino = init.ino;
    this.attrs = init;
  }

  protected nlink(): number {
    return 1;
  }

  /** Linux reports 0 for generated files and dynamic links (their length is unknown until read). */
  protected size(): number {
    return 0;
  }

  protected mode(): number {
    return this.type | this.attrs.perm;
  }

  stat(): FileStat {
    const o = (this.attrs.owner ?? rootOwner)();
    const t = this.attrs.timeNs;
    return {
      dev: this.fs.dev, ino: this.ino, mode: this.mode(), nlink: this.nlink(), uid: o.uid, gid: o.gid, rdev: 0,
      size: this.size(), blksize: 1024, blocks: 0, atimeNs: t, mtimeNs: t, ctimeNs: t,
    };
  }
}

/** Content of a generated file, made for the caller at open time. */
export type Generator = (c: Caller) => string | Uint8Array;

/** A file whose content is generated when it is opened; read-only (writes: EACCES). */
export class ProcFile extends ProcNode {
  constructor(
    fs: FileSystem,
    init: NodeInit,
    private readonly generate: Generator,
  ) {
    super(fs, init, S.IFREG);
  }

  open(flags: number, c: Caller): OpenResult {
    // Root passes the VFS's permission check whatever the mode; no /proc file here takes writes.
    if ((flags & O.ACCMODE) !== O.RDONLY || flags & O.TRUNC) throw E.EACCES;
    return openSnapshot(this, this.generate(c));
  }
}

/** A symlink whose target is computed (for the caller, for the process it belongs to). */
export class ProcLink extends ProcNode {
  constructor(
    fs: FileSystem,
    init: NodeInit,
    private readonly target: (c: Caller) => string,
  ) {
    super(fs, init, S.IFLNK);
  }

  readlink(c: Caller): string {
    return this.target(c);
  }
}

/** A directory; subclasses say what is in it. */
export abstract class ProcDir extends ProcNode {
  constructor(fs: FileSystem, init: NodeInit) {
    super(fs, init, S.IFDIR);
  }

  /** Every entry, in listing order. */
  protected abstract entries(c: Caller): Iterable<readonly [string, Inode]>;
  abstract lookup(name: string, c: Caller): Inode | undefined;

  /** Linux: 2 + subdirectories, like any directory. */
  protected override nlink(): number {
    return 2 + this.subdirs();
  }

  protected subdirs(): number {
    return 0;
  }

  readdir(c: Caller): DirEntry[] {
    const out: DirEntry[] = [];
    for (const [name, n] of this.entries(c)) out.push({ name, ino: n.ino, type: dtype(n.stat().mode) });
    return out;
  }
}

/** A directory with a fixed set of entries (/proc/sys/kernel...). */
export class StaticDir extends ProcDir {
  private readonly children = new Map<string, Inode>();

  add<T extends Inode>(name: string, node: T): T {
    this.children.set(name, node);
    return node;
  }

  protected override subdirs(): number {
    let n = 0;
    for (const c of this.children.values()) if (c instanceof ProcDir) n++;
    return n;
  }

  protected entries(): Iterable<readonly [string, Inode]> {
    return this.children;
  }

  lookup(name: string): Inode | undefined {
    return this.children.get(name);
  }
}

/** A decimal name in canonical form ("7", not "07" or "+7"), or undefined. */
export function parseDecimal(name: string): number | undefined {
  if (!/^(0|[1-9][0-9]{0,9})$/.test(name)) return undefined;
  const n = Number(name);
  return n <= 0x7fffffff ? n : undefined;
}
