import { AT, E, full, type SyscallEntry } from '@kandelo/kernel-core';
import type { FileSystem } from '../vfs/inode.js';
import { pathOf, top } from '../vfs/path-walk.js';
import type { Vfs } from '../vfs/vfs.js';
import { pathAt } from './fs-args.js';

/** mount(2) flags we understand. */
export const MS = {
  RDONLY: 1, NOSUID: 2, NODEV: 4, NOEXEC: 8, REMOUNT: 32, BIND: 4096, REC: 16384, SILENT: 32768,
  NOATIME: 1024, RELATIME: 1 << 21, STRICTATIME: 1 << 24,
} as const;
const KNOWN = Object.values(MS).reduce((a, b) => a | b, 0) | 0xc0ed0000; // MS_MGC_VAL in the top half
const MNT = { FORCE: 1, DETACH: 2, EXPIRE: 4, NOFOLLOW: 8 } as const;

/** Makes a new filesystem instance for mount(2) by type name ("tmpfs", "proc"...); undefined: ENODEV. */
export type FsFactory = (type: string, source: string, data: string) => FileSystem | undefined;

/** mount (bind mounts and new instances of the types the factory knows) and umount2, for root. */
export function mountSyscalls(vfs: Vfs, make: FsFactory): SyscallEntry[] {
  return [
    full('mount', (t, source, target, fstype, flags, data) => {
      const p = t.process;
      if (p.creds.euid !== 0) throw E.EPERM;
      if (flags & ~KNOWN) throw E.EINVAL;
      const m = p.memory;
      const at = pathAt(vfs, t, AT.FDCWD, target);
      const mflags = { readonly: (flags & MS.RDONLY) !== 0, nosuid: (flags & MS.NOSUID) !== 0,
        nodev: (flags & MS.NODEV) !== 0, noexec: (flags & MS.NOEXEC) !== 0 };
      if (flags & MS.REMOUNT) {
        vfs.mountOf(p, at).flags = mflags;
        return 0;
      }
      const w = vfs.walk(p, at, 'follow');
      const point = top(w.stack);
      if (flags & MS.BIND) {
        const src = vfs.lookup(p, pathAt(vfs, t, AT.FDCWD, source), true);
        vfs.mounts.mount(point.mnt, point.node, pathOf(w.stack), src.mnt.fs, src.node, mflags, src.mnt.source);
        return 0;
      }
      const type = fstype ? m.cstring(fstype) : '';
      const fs = make(type, source ? m.cstring(source) : 'none', data ? m.cstring(data, 4096) : '');
      if (!fs) throw E.ENODEV;
      if ((point.node.stat().mode & 0o170000) !== 0o040000) throw E.ENOTDIR;
      vfs.mounts.mount(point.mnt, point.node, pathOf(w.stack), fs, fs.root, mflags, source ? m.cstring(source) : type);
      return 0;
    }),
    full('umount2', (t, target, flags) => {
      const p = t.process;
      if (flags & ~(MNT.FORCE | MNT.DETACH | MNT.EXPIRE | MNT.NOFOLLOW)) throw E.EINVAL;
      if (p.creds.euid !== 0) throw E.EPERM;
      vfs.mounts.unmount(vfs.mountOf(p, pathAt(vfs, t, AT.FDCWD, target)));
      return 0;
    }),
  ];
}
