import {
  AT, E, type FileStat, O, OpenFile, PARK, type Process, S, type Thread, type VfsService,
} from '@kandelo/kernel-core';
import { dirFileOps, type DirState, pathFileOps } from '../files/dir-file.js';
import { NO_HOOKS, type OpenHooks } from '../files/open-hooks.js';
import { regularFileOps } from '../files/regular-file.js';
import type { Caller, FileSystem, Inode, OpenResult } from './inode.js';
import { type Mount, type MountFlags, nodeKey } from './mount.js';
import { MountTable } from './mount-table.js';
import { type At, KERNEL, PathWalker, pathOf, type Stack, type Step, top, type Walked, type WalkMode } from './path-walk.js';
import { checkAccess, MAY } from './permission.js';

/** Opens FIFOs (blocking until the other side comes, as Linux does); supplied by the fs subsystem. */
export interface FifoOpener {
  open(t: Thread, node: Inode, flags: number, path: string): OpenFile | typeof PARK;
}

const KEEP_FLAGS = ~(O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC);

/**
 * The virtual filesystem: one tree made of mounted filesystems. Kernel paths (cwd, OpenFile.path,
 * p.root) are canonical paths from the kernel's root; a chrooted process's "/" is p.root.
 * Namespace operations (mkdir, rename...) live in namespace-ops.ts on top of this.
 */
export class Vfs implements VfsService {
  readonly mounts = new MountTable();
  readonly walker = new PathWalker(this.mounts);
  private nextDev = 0x20;
  hooks: OpenHooks = NO_HOOKS;
  fifos: FifoOpener | undefined;
  private regularOps = regularFileOps(this.hooks);
  /** Where directory and O_PATH descriptions are: relative lookups from them start there. */
  private readonly places = new WeakMap<OpenFile, Stack>();
  private dirOps = dirFileOps(this.hooks);

  /** Installs the open-file hooks (advisory locks); call before anything is opened. */
  setHooks(h: OpenHooks): void {
    this.hooks = h;
    this.regularOps = regularFileOps(h);
    this.dirOps = dirFileOps(h);
  }

  /** A fresh st_dev for a new filesystem instance. */
  allocDev(): number {
    return this.nextDev++;
  }

  caller(p: Process, t?: Thread): Caller {
    return { uid: p.creds.euid, gid: p.creds.egid, groups: p.creds.groups, process: p, thread: t };
  }

  // --- mounting ----------------------------------------------------------------------------------

  mountRoot(fs: FileSystem, source: string, flags: MountFlags = { readonly: false }): Mount {
    return this.mounts.setRoot(fs, source, flags);
  }

  /** Mounts `fs` (seen from `root`, default its root) on the directory at kernel path `at`. */
  mountAt(at: string, fs: FileSystem, source: string, flags: MountFlags = { readonly: false }, root = fs.root): Mount {
    const w = this.walker.walk(KERNEL, '/', at, 'follow');
    const point = top(w.stack);
    if ((point.node.stat().mode & S.IFMT) !== S.IFDIR && root === fs.root) throw E.ENOTDIR;
    return this.mounts.mount(point.mnt, point.node, pathOf(w.stack), fs, root, flags, source);
  }

  /** The mount whose root is at kernel path `at` (umount). */
  mountOf(p: Process, at: At | string): Mount {
    const s = top(this.walk(p, at, 'follow').stack);
    if (nodeKey(s.node) !== nodeKey(s.mnt.root)) throw E.EINVAL;
    return s.mnt;
  }

  // --- resolution --------------------------------------------------------------------------------

  /** Where `path` relative to `dirfd` (AT_FDCWD: the cwd) starts: an absolute one at p's root. */
  at(p: Process, dirfd: number, path: string): At {
    if (path === '') throw E.ENOENT;
    if (path.startsWith('/')) return { path: p.root === '/' ? path : `${p.root}${path}` };
    if (dirfd === AT.FDCWD) return { from: this.cwdStack(p), path };
    return { from: this.placeOf(p.fds.get(dirfd)), path };
  }

  /** The resolved place of a directory (or O_PATH) description: ENOTDIR for other files. */
  placeOf(f: OpenFile): Stack {
    const s = this.places.get(f);
    if (!s || (top(s).node.stat().mode & S.IFMT) !== S.IFDIR) throw E.ENOTDIR;
    return s;
  }

  /** `path` relative to `dirfd` as a kernel path (joined, not resolved): VfsService's form. */
  resolveAt(p: Process, dirfd: number, path: string): string {
    const a = this.at(p, dirfd, path);
    return a.from ? `${this.currentPath(a.from)}/${a.path}` : a.path;
  }

  /** The working directory's resolved place (found from p.cwd the first time). */
  cwdStack(p: Process): Stack {
    if (!p.cwdNode) p.cwdNode = this.walker.walk(KERNEL, '/', p.cwd, 'follow').stack;
    return p.cwdNode as Stack;
  }

  /**
   * The kernel path a place has now: names are looked up again, so a renamed directory shows its
   * new name (as Linux's d_path does); ENOENT once the directory has been removed.
   */
  currentPath(stack: Stack): string {
    const names: string[] = [];
    for (let i = 1; i < stack.length; i++) {
      const prev = stack[i - 1]!;
      const s = stack[i]!;
      let name = s.name;
      if (s.mnt === prev.mnt) {
        const found = prev.node.lookup?.(name, KERNEL);
        if (!found || nodeKey(found) !== nodeKey(s.node)) {
          const e = prev.node.readdir?.(KERNEL).find((d) => d.ino === s.node.ino && nodeKey(prev.node.lookup!(d.name, KERNEL)!) === nodeKey(s.node));
          if (!e) throw E.ENOENT;
          name = e.name;
        }
      }
      names.push(name);
    }
    if (stack.length > 1 && top(stack).node.stat().nlink === 0) throw E.ENOENT;
    return '/' + names.join('/');
  }

  walk(p: Process, abs: At | string, mode: WalkMode, t?: Thread): Walked {
    return this.walker.walk(this.caller(p, t), p.root, abs, mode);
  }

  /** The node at `abs` (final symlink followed or not). */
  lookup(p: Process, abs: At | string, follow: boolean): Step {
    return top(this.walk(p, abs, follow ? 'follow' : 'nofollow').stack);
  }

  stat(p: Process, abs: At | string, follow: boolean): FileStat {
    return this.lookup(p, abs, follow).node.stat();
  }

  /**
   * What identifies the content of the file at `abs` now (device, inode, content version), or
   * undefined when its filesystem cannot tell (see Inode.contentVersion).
   */
  contentKey(p: Process, abs: string): string | undefined {
    const node = this.lookup(p, abs, true).node;
    const v = node.contentVersion?.();
    return v === undefined ? undefined : `${node.fs.dev}:${node.ino}:${v}`;
  }

  /** The canonical kernel path of an existing file. */
  realpath(p: Process, abs: At | string): string {
    return pathOf(this.walk(p, abs, 'follow').stack);
  }

  /** The path as `p` sees it (relative to its root); "(unreachable)" prefix when outside it. */
  viewOf(p: Process, kernelPath: string): string {
    if (p.root === '/') return kernelPath;
    if (kernelPath === p.root) return '/';
    if (kernelPath.startsWith(p.root + '/')) return kernelPath.slice(p.root.length);
    return `(unreachable)${kernelPath}`;
  }

  chdir(p: Process, abs: At | string): void {
    this.enter(p, this.walk(p, abs, 'follow').stack);
  }

  /** fchdir. */
  chdirTo(p: Process, f: OpenFile): void {
    this.enter(p, this.placeOf(f));
  }

  private enter(p: Process, stack: Stack): void {
    const s = top(stack);
    if ((s.node.stat().mode & S.IFMT) !== S.IFDIR) throw E.ENOTDIR;
    checkAccess(s.node.stat(), this.caller(p), MAY.EXEC);
    p.cwdNode = stack;
    p.cwd = pathOf(stack);
  }

  // --- opening -----------------------------------------------------------------------------------

  open(p: Process, abs: At | string, flags: number, mode: number): OpenFile {
    const f = this.openAs(p, undefined, abs, flags, mode);
    if (f === PARK) throw E.EAGAIN;
    return f;
  }

  /** open(2): `mode` has the umask applied already. May park (a FIFO waiting for its other end). */
  openAs(p: Process, t: Thread | undefined, abs: At | string, flags: number, mode: number): OpenFile | typeof PARK {
    const c = this.caller(p, t);
    if (!(flags & O.CREAT)) {
      const w = this.walker.walk(c, p.root, abs, flags & O.NOFOLLOW ? 'nofollow' : 'follow');
      return this.openStep(w.stack, flags, c, false);
    }
    let w = this.walker.walk(c, p.root, abs, 'parent');
    for (let links = 0; ; links++) {
      const name = w.last;
      // Linux: O_CREAT with a trailing slash is EISDIR whatever the name is (file, link, nothing).
      if (name === undefined || name === '.' || name === '..' || w.trailingSlash) throw E.EISDIR;
      const dir = top(w.stack);
      const found = this.child(dir, name, c);
      if (found) {
        if (flags & O.EXCL) throw E.EEXIST;
        if ((found.node.stat().mode & S.IFMT) === S.IFLNK) {
          if (flags & O.NOFOLLOW) throw E.ELOOP;
          if (links >= 40) throw E.ELOOP;
          if (found.node.follow) return this.openStep([...w.stack, { ...found, node: found.node.follow(c) }], flags, c, false);
          const target = found.node.readlink?.(c) ?? '';
          if (!target) throw E.ENOENT;
          const next: At = target.startsWith('/') ? { path: p.root === '/' ? target : p.root + target } : { from: w.stack, path: target };
          w = this.walker.walk(c, p.root, next, 'parent');
          continue;
        }
        if ((found.node.stat().mode & S.IFMT) === S.IFDIR) throw E.EISDIR;
        return this.openStep([...w.stack, found], flags, c, false);
      }
      this.checkDirWrite(dir, c);
      if (!dir.node.create) throw E.EPERM;
      const node = dir.node.create(name, { mode: S.IFREG | (mode & 0o7777) }, c);
      return this.openStep([...w.stack, { mnt: dir.mnt, node, name }], flags, c, true);
    }
  }

  /** Looks `name` up in the directory `dir`, crossing mounts; undefined when absent. */
  child(dir: Step, name: string, c: Caller): Step | undefined {
    const node = dir.node.lookup?.(name, c);
    if (!node) return undefined;
    let s: Step = { mnt: dir.mnt, node, name };
    for (let m = this.mounts.at(s.mnt, s.node); m; m = this.mounts.at(s.mnt, s.node)) s = { mnt: m, node: m.root, name };
    return s;
  }

  /** Write and search permission on a directory, on a writable mount (creating or removing entries). */
  checkDirWrite(dir: Step, c: Caller): void {
    if (dir.mnt.readonly) throw E.EROFS;
    checkAccess(dir.node.stat(), c, MAY.WRITE | MAY.EXEC);
  }

  private openStep(stack: Stack, flags: number, c: Caller, created: boolean, path = pathOf(stack)): OpenFile | typeof PARK {
    const { node, mnt } = top(stack);
    const st = node.stat();
    const type = st.mode & S.IFMT;
    // An O_PATH|O_NOFOLLOW description of a symlink is no directory either (Linux: ENOTDIR).
    if (flags & O.DIRECTORY && type !== S.IFDIR) throw E.ENOTDIR;
    if (flags & O.PATH) {
      const f = this.describe(pathFileOps, flags & (O.PATH | O.DIRECTORY | O.NOFOLLOW | O.ACCMODE), path, node, mnt);
      this.places.set(f, stack);
      return f;
    }
    if (type === S.IFLNK) throw E.ELOOP;
    const acc = flags & O.ACCMODE;
    if (acc === O.ACCMODE) throw E.EINVAL;
    const writes = acc !== O.RDONLY || (flags & O.TRUNC) !== 0;
    if (type === S.IFDIR && (acc !== O.RDONLY || flags & O.CREAT)) throw E.EISDIR;
    if (!created) checkAccess(st, c, (acc !== O.WRONLY ? MAY.READ : 0) | (writes ? MAY.WRITE : 0));
    if (writes && mnt.readonly && (type === S.IFREG || type === S.IFDIR)) throw E.EROFS;
    const keep = flags & KEEP_FLAGS;
    switch (type) {
      case S.IFDIR: {
        const f = this.describe(this.dirOps, keep, path, node, mnt);
        const parent = stack.length > 1 ? stack[stack.length - 2]!.node : node;
        f.state = { caller: c, parentIno: parent.ino } satisfies DirState;
        this.places.set(f, stack);
        return f;
      }
      case S.IFIFO: {
        // A /proc fd link to a pipe end opens itself; a FIFO in the tree goes to the registry.
        if (node.open) return this.fromResult(node.open(flags, c), flags, keep, path, node, mnt);
        // A kernel-internal open (a spawn file action) cannot wait for the other end.
        if (!this.fifos || !c.thread) throw E.ENXIO;
        const f = this.fifos.open(c.thread, node, flags, path);
        if (f === PARK) return f;
        f.mount = mnt;
        return f;
      }
      case S.IFCHR:
      case S.IFBLK:
      case S.IFREG: {
        if (type !== S.IFREG && mnt.flags.nodev) throw E.EACCES;
        const r = node.open?.(flags, c);
        if (!r) throw E.ENXIO;
        return this.fromResult(r, flags, keep, path, node, mnt);
      }
      default:
        throw E.ENXIO;
    }
  }

  /** The description for what a node's open() gave. */
  private fromResult(r: OpenResult, flags: number, keep: number, path: string, node: Inode, mnt: Mount): OpenFile {
    if ('file' in r) return r.file;
    if ('handle' in r) {
      // Linux truncates on O_TRUNC even with O_RDONLY (openStep demanded write permission for it).
      if (flags & O.TRUNC && r.handle.size() > 0) {
        // A read-only handle may not truncate (a host fd opened O_RDONLY): go through the node.
        if ((flags & O.ACCMODE) === O.RDONLY && node.setattr) node.setattr({ size: 0 });
        else r.handle.truncate(0);
      }
      const f = this.describe(this.regularOps, keep, path, node, mnt);
      f.state = r.handle;
      return f;
    }
    const f = this.describe(r.ops, keep, path, node, mnt);
    f.state = r.state;
    return f;
  }

  private describe(ops: OpenFile['ops'], flags: number, path: string, node: Inode, mnt: Mount): OpenFile {
    const f = new OpenFile(ops, flags, path);
    f.node = node;
    f.mount = mnt;
    return f;
  }

  /** Opens a node reached some other way (a memfd) with fresh flags; `path` names it in /proc. */
  reopen(stack: Stack, flags: number, c: Caller, path?: string): OpenFile | typeof PARK {
    return this.openStep(stack, flags, c, false, path);
  }

  readFile(p: Process, abs: At | string, limit = Infinity): Uint8Array {
    const f = this.open(p, abs, O.RDONLY, 0);
    try {
      const st = f.ops.stat(f);
      if ((st.mode & S.IFMT) === S.IFDIR) throw E.EISDIR;
      if (!f.ops.read) throw E.EINVAL;
      let out = new Uint8Array(Math.min(Math.max(st.size, 4096), limit));
      let n = 0;
      for (;;) {
        if (n === out.length) {
          if (n >= limit) break;
          const grown = new Uint8Array(out.length * 2);
          grown.set(out);
          out = grown;
        }
        const r = f.ops.read(f, undefined as never, out.subarray(n), n);
        if (r <= 0) break;
        n += r;
      }
      return n === out.length ? out : out.slice(0, n);
    } finally {
      f.unref();
    }
  }
}
