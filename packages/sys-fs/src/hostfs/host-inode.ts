import { E, type FileStat, type HostStat, S } from '@kandelo/kernel-core';
import { host } from '../files/host-error.js';
import type { Inode, SetAttr } from '../vfs/inode.js';
import type { HostDir } from './host-dir.js';
import type { HostFs } from './host-fs.js';
import { childPath } from './host-path.js';

/**
 * A node of a host mount, known by where it sits: its parent directory node and its name (the
 * mount root has neither). Used as is for FIFOs, sockets and devices; HostDir, HostFile and
 * HostSymlink add what their kind supports.
 *
 * Confinement: an inode never holds a host path. Every operation rebuilds it from the mount
 * root's realpath and the names of the chain, and first checks with lstat that each directory of
 * the chain is still the real directory (same device, inode and type, so not a symlink) that
 * lookup found, and, for operations on the node itself, that the last component is still this
 * node. A name is never "." or ".." nor contains "/". So the host never walks through a symlink,
 * even when the guest renamed a directory away (through this mount, which moves the inode, or
 * another mount of the same tree, which the check catches) and put a symlink in its place. The
 * checks and the host call run in one synchronous step of the kernel, which the guest cannot
 * interleave with; only a host process changing the tree at the same moment could (Node has no
 * openat(2)).
 */
export class HostInode implements Inode {
  /** S_IFMT bits: a node never changes kind (a name that now holds another kind is a new node). */
  readonly kind: number;
  readonly ino: number;
  /** Set when the name no longer leads here (unlinked, renamed over, replaced on the host). */
  dead = false;
  private readonly hostDev: number;
  /** Attributes last read from the host, answered once the node is gone. */
  protected last: FileStat;

  constructor(
    readonly fs: HostFs,
    /** The directory holding `name`; undefined for the mount root. Moved by rename. */
    public parent: HostDir | undefined,
    public name: string,
    st: HostStat,
  ) {
    this.kind = st.mode & S.IFMT;
    this.ino = st.ino;
    this.hostDev = st.dev;
    this.last = this.abi(st);
  }

  /** Whether the host entry `st` is this node. */
  matches(st: HostStat): boolean {
    return (st.mode & S.IFMT) === this.kind && st.ino === this.ino && st.dev === this.hostDev;
  }

  /**
   * This node's host path, after checking every node from the mount root down to this one (see
   * the class comment). ENOENT when the chain is broken.
   */
  where(): string {
    const chain: HostInode[] = [];
    for (let n: HostInode | undefined = this; n; n = n.parent) {
      if (n.dead) throw E.ENOENT;
      chain.push(n);
    }
    let path = this.fs.hostRoot;
    for (let i = chain.length - 1; i >= 0; i--) {
      const n = chain[i];
      if (n.parent) path = childPath(path, n.name);
      n.check(path);
    }
    return path;
  }

  /** The call (epoch) and path of the last successful check: repeated checks in one call are skipped. */
  private checkedEpoch = -2;
  private checkedPath = '';

  /** Forgets the last check (the node changed: its attributes must be read again). */
  protected recheck(): void {
    this.checkedEpoch = -2;
  }

  /** lstat of this node's own path, which must still be this node (keeps the attributes read). */
  private check(path: string): void {
    const epoch = this.fs.epoch();
    if (epoch === this.checkedEpoch && path === this.checkedPath && epoch >= 0) return;
    let st: HostStat;
    try {
      st = host(() => this.fs.host.lstat(path));
    } catch (err) {
      // A component that stopped being a directory: the node is not there any more.
      throw err === E.ENOTDIR || err === E.ELOOP ? E.ENOENT : err;
    }
    if (!this.matches(st)) throw E.ENOENT;
    this.last = this.abi(st);
    this.checkedEpoch = epoch;
    this.checkedPath = path;
  }

  stat(): FileStat {
    try {
      this.where();
      return this.last;
    } catch (err) {
      if (err !== E.ENOENT) throw err;
      return this.orphanStat();
    }
  }

  /** Attributes of a node its name no longer reaches (an unlinked open file, a removed cwd). */
  protected orphanStat(): FileStat {
    return { ...this.last, nlink: 0 };
  }

  setattr(a: SetAttr): void {
    this.fs.writable();
    const h = this.fs.host;
    // Refuse what cannot be done before changing anything.
    if (a.mode !== undefined && this.kind === S.IFLNK) throw E.EOPNOTSUPP;
    if (a.size !== undefined) this.checkResize(a.size);
    const path = this.where();
    if (a.uid !== undefined || a.gid !== undefined) host(() => h.lchown(path, a.uid ?? -1, a.gid ?? -1));
    // After chown, which clears set-id bits on the host as on Linux, so an explicit mode wins.
    // chmod follows a final symlink, but where() just saw this node, not a symlink, at `path`.
    if (a.mode !== undefined) host(() => h.chmod(path, a.mode! & 0o7777));
    if (a.size !== undefined) this.resize(a.size);
    if (a.atimeNs !== undefined || a.mtimeNs !== undefined) {
      const cur = a.atimeNs === undefined || a.mtimeNs === undefined ? host(() => h.lstat(path)) : undefined;
      host(() => h.lutimes(path, a.atimeNs ?? cur!.atimeNs, a.mtimeNs ?? cur!.mtimeNs));
    }
    this.recheck();
  }

  /** Throws when the node cannot take a new size (truncate on a directory, a FIFO...). */
  protected checkResize(size: number): void {
    if (size < 0) throw E.EINVAL;
    throw this.kind === S.IFDIR ? E.EISDIR : E.EINVAL;
  }

  /** Sets the size of a node checkResize allowed. */
  protected resize(_size: number): void {
    throw E.EINVAL;
  }

  /** Host attributes as the guest sees them: st_dev is the mount's. */
  protected abi(st: HostStat): FileStat {
    return { ...st, dev: this.fs.dev };
  }
}
