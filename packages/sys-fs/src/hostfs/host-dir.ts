import { E, type HostStat, O, S } from '@kandelo/kernel-core';
import { host } from '../files/host-error.js';
import type { Caller, DirEntry, Inode, NewNode } from '../vfs/inode.js';
import { dtype } from '../vfs/dtype.js';
import { initOwner } from '../vfs/permission.js';
import { HostInode } from './host-inode.js';
import { checkName, childPath } from './host-path.js';

type Children = Map<string, WeakRef<HostInode>>;

/** Drops a child's cache entry once the guest no longer holds the node. */
const reaper = new FinalizationRegistry<{ map: Children; name: string; ref: WeakRef<HostInode> }>(({ map, name, ref }) => {
  if (map.get(name) === ref) map.delete(name);
});

/**
 * A directory of a host mount. It remembers the child nodes it handed out (weakly), so a name
 * looked up twice gives the same node while the guest holds it, and so rename can move a live
 * node (a cwd, an open directory) to its new place and unlink can mark it gone.
 */
export class HostDir extends HostInode {
  private readonly children: Children = new Map();

  lookup(name: string, _c?: Caller): Inode | undefined {
    checkName(name);
    const st = this.probe(childPath(this.where(), name));
    return st && this.adopt(name, st);
  }

  readdir(_c?: Caller): DirEntry[] {
    let dir: string;
    try {
      dir = this.where();
    } catch (err) {
      if (err === E.ENOENT) return []; // a removed directory lists nothing (Linux getdents)
      throw err;
    }
    const h = this.fs.host;
    const out: DirEntry[] = [];
    for (const name of host(() => h.readdir(dir))) {
      let st: HostStat;
      try {
        st = h.lstat(childPath(dir, name));
      } catch {
        continue; // vanished since the listing, as a later readdir would show
      }
      out.push({ name, ino: st.ino, type: dtype(st.mode) });
    }
    return out;
  }

  create(name: string, node: NewNode, c?: Caller): Inode {
    this.fs.writable();
    checkName(name);
    const h = this.fs.host;
    const path = childPath(this.where(), name);
    const kind = node.mode & S.IFMT;
    const perm = node.mode & 0o7777;
    switch (kind) {
      case S.IFREG: {
        const fd = host(() => h.open(path, O.RDONLY | O.CREAT | O.EXCL | O.NOFOLLOW | O.NONBLOCK, perm));
        try {
          h.close(fd);
        } catch {
          // The file exists; nothing was written through this descriptor.
        }
        break;
      }
      case S.IFDIR:
        host(() => h.mkdir(path, perm));
        break;
      case S.IFLNK: {
        const target = node.target;
        if (target === undefined || target.includes('\0')) throw E.EINVAL;
        if (target === '') throw E.ENOENT;
        host(() => h.symlink(target, path));
        break;
      }
      case S.IFIFO:
        if (!h.mkfifo) throw E.EPERM;
        host(() => h.mkfifo!(path, perm));
        break;
      case S.IFSOCK:
      case S.IFCHR:
      case S.IFBLK:
        throw E.EPERM; // Node cannot mknod(2); sockets are made by bind(2)
      default:
        throw E.EINVAL;
    }
    return this.adopt(name, this.settle(path, host(() => h.lstat(path)), kind, perm, c));
  }

  /**
   * Gives a node the host just made what Linux would have (see initOwner): the creator's owner
   * (the host made it as the kernel's own user) and the permission bits asked for (the host
   * applied its own umask on top of the guest's, already in `perm`, and chown clears set-id
   * bits, hence chown first). Best effort: the node exists either way; a host process that is
   * not root cannot give files away, and then the host's owner stays. Returns the new attributes.
   */
  private settle(path: string, st: HostStat, kind: number, perm: number, c: Caller | undefined): HostStat {
    const h = this.fs.host;
    const want = initOwner(kind, perm, this.stat(), c ?? { uid: st.uid, gid: st.gid, groups: [] });
    let changed = false;
    if (st.uid !== want.uid || st.gid !== want.gid) {
      try {
        h.lchown(path, want.uid, want.gid);
        st = h.lstat(path);
      } catch {
        // Keep the host's owner.
      }
    }
    if (kind !== S.IFLNK && (st.mode & 0o7777) !== (want.mode & 0o7777)) {
      try {
        h.chmod(path, want.mode & 0o7777);
        changed = true;
      } catch {
        // Keep the host's bits.
      }
    }
    return changed ? host(() => h.lstat(path)) : st;
  }

  link(name: string, target: Inode): void {
    this.fs.writable();
    checkName(name);
    if (!(target instanceof HostInode) || target.fs !== this.fs) throw E.EXDEV;
    if (target.kind === S.IFDIR) throw E.EPERM;
    const h = this.fs.host;
    const from = target.where();
    const to = childPath(this.where(), name);
    host(() => h.link(from, to));
    this.adopt(name, host(() => h.lstat(to)));
  }

  unlink(name: string, dir: boolean): void {
    this.fs.writable();
    checkName(name);
    const h = this.fs.host;
    const path = childPath(this.where(), name);
    host(() => (dir ? h.rmdir(path) : h.unlink(path)));
    this.forget(name);
  }

  rename(name: string, newDir: Inode, newName: string, exchange: boolean): void {
    this.fs.writable();
    checkName(name);
    checkName(newName);
    if (!(newDir instanceof HostDir) || newDir.fs !== this.fs) throw E.EXDEV;
    // RENAME_EXCHANGE needs renameat2(2), which Node does not offer (and two renames would not be
    // atomic): EINVAL, as Linux answers for a filesystem that does not support it.
    if (exchange) throw E.EINVAL;
    const h = this.fs.host;
    const from = childPath(this.where(), name);
    const to = childPath(newDir.where(), newName);
    const src = host(() => h.lstat(from));
    const dst = this.probe(to);
    // Two names of one file: rename(2) does nothing and succeeds.
    if (dst && dst.ino === src.ino && dst.dev === src.dev) return;
    host(() => h.rename(from, to));
    const moved = this.children.get(name)?.deref();
    this.children.delete(name);
    newDir.forget(newName);
    if (moved && !moved.dead && moved.matches(src)) {
      moved.parent = newDir;
      moved.name = newName;
      newDir.remember(newName, moved);
    } else if (moved) {
      moved.dead = true;
    }
  }

  /** lstat of a child path; undefined when there is no such entry. */
  private probe(path: string): HostStat | undefined {
    try {
      return host(() => this.fs.host.lstat(path));
    } catch (err) {
      if (err === E.ENOENT) return undefined;
      throw err;
    }
  }

  /** The node for the entry `name` just found by lstat: the remembered one if it is still that entry. */
  private adopt(name: string, st: HostStat): HostInode {
    const known = this.children.get(name)?.deref();
    if (known && !known.dead && known.matches(st)) return known;
    if (known) known.dead = true; // the name now holds another file
    const node = this.fs.node(this, name, st);
    this.remember(name, node);
    return node;
  }

  private remember(name: string, node: HostInode): void {
    const ref = new WeakRef(node);
    this.children.set(name, ref);
    reaper.register(node, { map: this.children, name, ref });
  }

  /** The entry `name` is gone: its node (if the guest holds it) no longer has a name. */
  private forget(name: string): void {
    const known = this.children.get(name)?.deref();
    if (known) known.dead = true;
    this.children.delete(name);
  }
}
