import { E, type FileOps, type FileStat, type HostFileSystem, O, type OpenFile, S } from '@kandelo/kernel-core';
import { host } from './host-error.js';

export interface HostFileState {
  handle: number;
  /** Host path (for readdir). */
  hostPath: string;
  /** Directory listing snapshot, taken at the first getdents. */
  entries?: { name: string; ino: number; type: number }[];
}

const DT: Record<number, number> = { [S.IFIFO]: 1, [S.IFCHR]: 2, [S.IFDIR]: 4, [S.IFBLK]: 6, [S.IFREG]: 8, [S.IFLNK]: 10, [S.IFSOCK]: 12 };
export const dtype = (mode: number): number => DT[mode & S.IFMT] ?? 0;

/** Files and directories of a host mount, through HostFileSystem. */
export function hostFileOps(fs: HostFileSystem): FileOps {
  const st = (f: OpenFile) => f.state as HostFileState;
  return {
    seekable: true,
    read(f, _t, out, position) {
      const s = st(f);
      const pos = position ?? f.offset;
      const n = host(() => fs.read(s.handle, out, pos));
      if (position === null) f.offset += n;
      return n;
    },
    write(f, _t, data, position) {
      const s = st(f);
      if (position === null && f.flags & O.APPEND) {
        const n = host(() => fs.write(s.handle, data, null));
        f.offset = host(() => fs.fstat(s.handle)).size;
        return n;
      }
      const pos = position ?? f.offset;
      const n = host(() => fs.write(s.handle, data, pos));
      if (position === null) f.offset += n;
      return n;
    },
    stat(f): FileStat {
      return host(() => fs.fstat(st(f).handle));
    },
    truncate(f, length) {
      host(() => fs.ftruncate(st(f).handle, length));
    },
    readdir(f) {
      const s = st(f);
      if (!s.entries) {
        const self = host(() => fs.fstat(s.handle));
        const list = [{ name: '.', ino: self.ino, type: 4 }, { name: '..', ino: self.ino, type: 4 }];
        for (const name of host(() => fs.readdir(s.hostPath))) {
          try {
            const l = fs.lstat(`${s.hostPath}/${name}`);
            list.push({ name, ino: l.ino, type: dtype(l.mode) });
          } catch {
            // Vanished between listing and lstat: skip it, as a later readdir would.
          }
        }
        s.entries = list;
      }
      return s.entries;
    },
    ioctl() {
      throw E.ENOTTY;
    },
    release(f) {
      try {
        fs.close(st(f).handle);
      } catch {
        // Closing never fails the guest (Linux close releases the fd regardless).
      }
    },
  };
}
