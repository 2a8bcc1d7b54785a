import { E, O, type OpenFile, type Process, S } from '@kandelo/kernel-core';
import type { Caller, FileSystem, Inode } from '../vfs/inode.js';
import { inodeOf } from '../vfs/inode.js';
import { OpenFileInode } from './open-file-inode.js';
import { type NodeInit, type Owner, parseDecimal, ProcDir, ProcFile, ProcNode } from './proc-node.js';

/** The /proc/<pid> directory as fd/ and fdinfo/ see it: its process, while it is still there. */
export interface ProcessRef {
  readonly pid: number;
  /** The process, or undefined once it has been reaped (or its pid reused). */
  alive(): Process | undefined;
  readonly owner: () => Owner;
  readonly timeNs: bigint;
}

/** Inode number of an fd/ or fdinfo/ entry, inside the process's block (see pidIno). */
export type FdIno = (fd: number) => number;

/** The open file at `fd` of `ref`'s process; ENOENT once the descriptor or the process is gone. */
function fileAt(ref: ProcessRef, fd: number): OpenFile {
  const p = ref.alive();
  if (!p || p.zombie || !p.fds.has(fd)) throw E.ENOENT;
  return p.fds.get(fd);
}

/** What a descriptor's link text says: the path it was opened by, `pipe:[ino]` for a pipe. */
export function fdTarget(f: OpenFile): string {
  if (f.path) return f.path;
  return `anon_inode:[${f.ops.stat(f).ino}]`;
}

/**
 * /proc/<pid>/fd/N: a magic link. readlink gives the path text; follow gives the open file's
 * own node (or an adapter for one without), so a pipe or a deleted file can be reopened.
 */
export class FdLink extends ProcNode {
  constructor(
    fs: FileSystem,
    init: NodeInit,
    private readonly ref: ProcessRef,
    readonly fd: number,
  ) {
    super(fs, init, S.IFLNK);
  }

  /** Linux: r-x for a readable description, -wx for a writable one, for the owner only. */
  protected override mode(): number {
    const p = this.ref.alive();
    const f = p && !p.zombie && p.fds.has(this.fd) ? p.fds.get(this.fd) : undefined;
    const acc = f ? f.flags & O.ACCMODE : O.RDWR;
    return S.IFLNK | (acc !== O.WRONLY ? 0o500 : 0) | (acc !== O.RDONLY ? 0o300 : 0);
  }

  /** Linux reports 64 for fd links. */
  protected override size(): number {
    return 64;
  }

  readlink(): string {
    return fdTarget(fileAt(this.ref, this.fd));
  }

  follow(): Inode {
    const f = fileAt(this.ref, this.fd);
    return inodeOf(f) ?? new OpenFileInode(f);
  }
}

/** /proc/<pid>/fdinfo/N: position, flags (O_CLOEXEC included), mount id, inode. */
function fdinfo(ref: ProcessRef, fd: number): string {
  const f = fileAt(ref, fd);
  const cloexec = ref.alive()!.fds.getCloexec(fd) ? O.CLOEXEC : 0;
  const mntId = (f.mount as { id?: number } | undefined)?.id ?? 0;
  return `pos:\t${f.offset}\nflags:\t0${((f.flags | cloexec) >>> 0).toString(8)}\nmnt_id:\t${mntId}\nino:\t${f.ops.stat(f).ino}\n`;
}

/** /proc/<pid>/fd and /proc/<pid>/fdinfo: one entry per open descriptor, read live. */
export class FdDir extends ProcDir {
  private readonly nodes = new Map<number, Inode>();

  constructor(
    fs: FileSystem,
    init: NodeInit,
    private readonly ref: ProcessRef,
    private readonly kind: 'fd' | 'fdinfo',
    private readonly fdIno: FdIno,
  ) {
    super(fs, init);
  }

  private descriptors(): number[] {
    const p = this.ref.alive();
    return p && !p.zombie ? p.fds.fds() : [];
  }

  /** One node per descriptor number, made on first use (the link reads the table live anyway). */
  private node(fd: number): Inode {
    let n = this.nodes.get(fd);
    if (!n) {
      const init: NodeInit = { ino: this.fdIno(fd), perm: 0o400, owner: this.ref.owner, timeNs: this.ref.timeNs };
      n = this.kind === 'fd' ? new FdLink(this.fs, init, this.ref, fd) : new ProcFile(this.fs, init, () => fdinfo(this.ref, fd));
      this.nodes.set(fd, n);
    }
    return n;
  }

  protected entries(): Iterable<readonly [string, Inode]> {
    return this.descriptors().map((fd) => [String(fd), this.node(fd)] as const);
  }

  lookup(name: string, _c?: Caller): Inode | undefined {
    const fd = parseDecimal(name);
    if (fd === undefined) return undefined;
    const p = this.ref.alive();
    if (!p || p.zombie || !p.fds.has(fd)) return undefined;
    return this.node(fd);
  }
}
