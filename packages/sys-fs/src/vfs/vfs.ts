import {
  AT, E, type FileOps, type FileStat, type HostFileSystem, O, OpenFile, type Process, S, type VfsService,
} from '@kandelo/kernel-core';
import { host } from '../files/host-error.js';
import { hostFileOps, type HostFileState } from '../files/host-file.js';
import { syntheticDirOps, syntheticDirStat, type SyntheticDirState } from '../files/synthetic-dir.js';
import { type Mount, MountTable } from './mount-table.js';
import { normalizePath } from './path.js';

/**
 * A minimal VFS: host directories mounted at guest paths, plus the synthetic directories above
 * them. (The full VFS with memfs, devfs, procfs and image roots arrives with the filesystem
 * issue.) Host paths never leave a mount's root: every access is checked against the real path
 * of the mount root.
 */
export class Vfs implements VfsService {
  readonly mounts = new MountTable();
  private readonly hostOps: FileOps | undefined;
  private readonly realRoots = new Map<Mount, string>();

  constructor(private readonly fs: HostFileSystem | undefined) {
    this.hostOps = fs && hostFileOps(fs);
  }

  mountHost(guest: string, hostRoot: string, readonly = false): void {
    if (!this.fs) throw new Error('this host has no host filesystem to mount');
    const m: Mount = { guest: normalizePath('/', guest), host: hostRoot, readonly };
    this.realRoots.set(m, this.fs.realpath(hostRoot));
    this.mounts.add(m);
  }

  /** The absolute guest path of `path` relative to `dirfd` (AT_FDCWD: the cwd). */
  resolveAt(p: Process, dirfd: number, path: string): string {
    if (path.startsWith('/')) return normalizePath('/', path);
    if (dirfd === AT.FDCWD) return normalizePath(p.cwd, path);
    const dir = p.fds.get(dirfd);
    if ((dir.ops.stat(dir).mode & S.IFMT) !== S.IFDIR) throw E.ENOTDIR;
    return normalizePath(dir.path, path);
  }

  /** Host path for `rel` inside mount `m`, refusing anything whose real path leaves the root. */
  private hostPath(m: Mount, rel: string): string {
    const fs = this.fs!;
    const root = this.realRoots.get(m)!;
    const p = rel ? `${m.host}/${rel}` : m.host;
    // Find the deepest existing ancestor and check where it really is.
    let probe = p;
    for (;;) {
      try {
        const real = fs.realpath(probe);
        if (real !== root && !real.startsWith(root === '/' ? '/' : root + '/')) throw E.EACCES;
        return p;
      } catch (err) {
        if (err === E.EACCES) throw err;
        const cut = probe.lastIndexOf('/');
        if (cut <= m.host.length) return p;
        probe = probe.slice(0, cut);
      }
    }
  }

  private locate(abs: string) {
    const r = this.mounts.resolve(abs);
    if (!r) throw E.ENOENT;
    return r;
  }

  open(abs: string, flags: number, mode: number): OpenFile {
    const r = this.locate(abs);
    const acc = flags & O.ACCMODE;
    if (r.kind === 'synthetic') {
      if (flags & O.CREAT && flags & O.EXCL) throw E.EEXIST;
      if (acc !== O.RDONLY) throw E.EISDIR;
      const f = new OpenFile(syntheticDirOps, flags, abs);
      f.state = { children: r.children } satisfies SyntheticDirState;
      return f;
    }
    const writes = acc !== O.RDONLY || (flags & (O.TRUNC | O.CREAT)) !== 0;
    if (r.mount.readonly && writes) {
      const exists = (() => { try { this.stat(abs, true); return true; } catch { return false; } })();
      if (exists || flags & O.CREAT) throw E.EROFS;
    }
    const hp = this.hostPath(r.mount, r.rel);
    const handle = host(() => this.fs!.open(hp, flags & ~O.CLOEXEC, mode));
    const f = new OpenFile(this.hostOps!, flags & ~(O.CREAT | O.EXCL | O.TRUNC | O.NOCTTY | O.CLOEXEC), abs);
    f.state = { handle, hostPath: hp } satisfies HostFileState;
    return f;
  }

  stat(abs: string, follow: boolean): FileStat {
    const r = this.locate(abs);
    if (r.kind === 'synthetic') return syntheticDirStat(abs);
    const hp = this.hostPath(r.mount, r.rel);
    return host(() => (follow ? this.fs!.stat(hp) : this.fs!.lstat(hp)));
  }

  unlink(abs: string, dir: boolean): void {
    const r = this.locate(abs);
    if (r.kind === 'synthetic' || r.rel === '') throw E.EBUSY;
    if (r.mount.readonly) throw E.EROFS;
    const hp = this.hostPath(r.mount, r.rel);
    host(() => (dir ? this.fs!.rmdir(hp) : this.fs!.unlink(hp)));
  }

  mkdir(abs: string, mode: number): void {
    const r = this.locate(abs);
    if (r.kind === 'synthetic' || r.rel === '') throw E.EEXIST;
    if (r.mount.readonly) throw E.EROFS;
    host(() => this.fs!.mkdir(this.hostPath(r.mount, r.rel), mode));
  }

  readFile(abs: string): Uint8Array {
    const f = this.open(abs, O.RDONLY, 0);
    try {
      const st = f.ops.stat(f);
      if ((st.mode & S.IFMT) === S.IFDIR) throw E.EISDIR;
      if (!f.ops.read) throw E.EINVAL;
      let out = new Uint8Array(Math.max(st.size, 4096));
      let n = 0;
      for (;;) {
        if (n === out.length) {
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

  readlink(abs: string): string {
    const r = this.locate(abs);
    if (r.kind === 'synthetic') throw E.EINVAL;
    return host(() => this.fs!.readlink(this.hostPath(r.mount, r.rel)));
  }
}
