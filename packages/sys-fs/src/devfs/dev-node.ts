import { E, type FileStat, S } from '@kandelo/kernel-core';
import type { Caller, DirEntry, FileSystem, Inode, OpenResult, SetAttr } from '../vfs/inode.js';

/** Everything chmod may change (the type bits never move). */
const MODE_BITS = 0o7777;
/** tmpfs's (and so devtmpfs's) directory size: 20 bytes per entry, "." and ".." included. */
const BOGO_DIRENT_SIZE = 20;

/** Linux's old 16-bit device number encoding, the one the kernel's stat writers use. */
export const makeDev = (major: number, minor: number): number => ((major & 0xff) << 8) | (minor & 0xff);

/** d_type of a mode: Linux defines DT_x as S_IFx >> 12. */
import { dtype } from '../vfs/dtype.js';

export { dtype };

/** What a devfs node needs from its filesystem: identity, st_dev and the clock. */
export interface DevFsContext extends FileSystem {
  allocIno(): number;
  now(): bigint;
}

/**
 * A devfs node: ownership, mode and times live in memory, so chmod/chown/touch on /dev entries
 * work (and are forgotten at shutdown, as devtmpfs forgets them at reboot).
 */
export abstract class DevNode implements Inode {
  readonly ino: number;
  uid = 0;
  gid = 0;
  atimeNs: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;

  constructor(
    readonly fs: DevFsContext,
    public mode: number,
    readonly rdev = 0,
  ) {
    this.ino = fs.allocIno();
    const now = fs.now();
    this.atimeNs = now;
    this.mtimeNs = now;
    this.ctimeNs = now;
  }

  protected nlink(): number {
    return 1;
  }

  protected size(): number {
    return 0;
  }

  stat(): FileStat {
    return {
      dev: this.fs.dev, ino: this.ino, mode: this.mode, nlink: this.nlink(), uid: this.uid, gid: this.gid,
      rdev: this.rdev, size: this.size(), blksize: 4096, blocks: 0,
      atimeNs: this.atimeNs, mtimeNs: this.mtimeNs, ctimeNs: this.ctimeNs,
    };
  }

  setattr(a: SetAttr): void {
    if (a.size !== undefined) this.resize();
    if (a.mode !== undefined) this.mode = (this.mode & S.IFMT) | (a.mode & MODE_BITS);
    if (a.uid !== undefined) this.uid = a.uid;
    if (a.gid !== undefined) this.gid = a.gid;
    if (a.atimeNs !== undefined) this.atimeNs = a.atimeNs;
    if (a.mtimeNs !== undefined) this.mtimeNs = a.mtimeNs;
    this.ctimeNs = this.fs.now();
  }

  /** truncate(2): Linux refuses it on anything but a regular file (EISDIR for directories). */
  protected resize(): void {
    throw E.EINVAL;
  }
}

/** A directory with a fixed set of entries (devfs makes no new nodes: create is absent, EPERM). */
export class DevDir extends DevNode {
  private readonly children = new Map<string, DevNode>();

  constructor(fs: DevFsContext, perm: number) {
    super(fs, S.IFDIR | perm);
  }

  add<T extends DevNode>(name: string, node: T): T {
    this.children.set(name, node);
    return node;
  }

  /** Drops an entry the filesystem itself retires (a devpts node when its pty goes). */
  drop(name: string): void {
    this.children.delete(name);
  }

  protected override nlink(): number {
    let n = 2;
    for (const c of this.children.values()) if ((c.mode & S.IFMT) === S.IFDIR) n++;
    return n;
  }

  protected override size(): number {
    return (this.children.size + 2) * BOGO_DIRENT_SIZE;
  }

  protected override resize(): void {
    throw E.EISDIR;
  }

  lookup(name: string): Inode | undefined {
    return this.children.get(name);
  }

  readdir(): DirEntry[] {
    return [...this.children].map(([name, n]) => ({ name, ino: n.ino, type: dtype(n.mode) }));
  }
}

/** A symlink with a fixed target (/dev/fd -> /proc/self/fd...). */
export class DevSymlink extends DevNode {
  constructor(
    fs: DevFsContext,
    readonly target: string,
  ) {
    super(fs, S.IFLNK | 0o777);
  }

  protected override size(): number {
    return new TextEncoder().encode(this.target).length;
  }

  readlink(): string {
    return this.target;
  }
}

/** How a character device opens: FileOps of its own, or a ready-made description (/dev/tty). */
export type DeviceOpener = (node: DevChar, flags: number, c: Caller) => OpenResult;

/** A character device node; what opening it yields is the opener's business. */
export class DevChar extends DevNode {
  constructor(
    fs: DevFsContext,
    perm: number,
    rdev: number,
    private readonly opener: DeviceOpener,
  ) {
    super(fs, S.IFCHR | perm, rdev);
  }

  open(flags: number, c: Caller): OpenResult {
    return this.opener(this, flags, c);
  }
}
