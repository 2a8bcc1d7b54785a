import { E, full, O, PARK, S, type SyscallEntry } from '@kandelo/kernel-core';
import type { FileSystem } from '../vfs/inode.js';
import { Mount } from '../vfs/mount.js';
import { KERNEL } from '../vfs/path-walk.js';
import type { Vfs } from '../vfs/vfs.js';

const MFD = { CLOEXEC: 1, ALLOW_SEALING: 2, HUGETLB: 4 } as const;
const CLOSE_RANGE = { UNSHARE: 2, CLOEXEC: 4 } as const;
/** sync_file_range flags (WAIT_BEFORE | WRITE | WAIT_AFTER). */
const SYNC_FILE_RANGE_ALL = 7;

/**
 * memfd_create, close_range, sync_file_range. memfds are files of a private tmpfs that is
 * mounted nowhere: each is created there and unlinked at once, so it lives while it is open.
 */
export function fdExtraSyscalls(vfs: Vfs, memfdFs: FileSystem): SyscallEntry[] {
  const mount = new Mount(0, memfdFs, memfdFs.root, undefined, undefined, '/', { readonly: false }, 'memfd');
  let serial = 0;
  return [
    full('memfd_create', (t, namePtr, flags) => {
      if (flags & ~(MFD.CLOEXEC | MFD.ALLOW_SEALING | MFD.HUGETLB)) throw E.EINVAL;
      const name = t.process.memory.cstring(namePtr, 250);
      const root = memfdFs.root;
      const tmp = `${++serial}`;
      const node = root.create!(tmp, { mode: S.IFREG | 0o777 }, vfs.caller(t.process));
      root.unlink!(tmp, false);
      // The path is the name /proc/<pid>/fd shows for it, as Linux prints it.
      const f = vfs.reopen([{ mnt: mount, node, name: tmp }], O.RDWR | O.LARGEFILE, KERNEL, `/memfd:${name} (deleted)`);
      if (f === PARK) throw E.EIO;
      return t.process.fds.alloc(f, (flags & MFD.CLOEXEC) !== 0);
    }),
    full('close_range', (t, first, last, flags) => {
      if (flags & ~(CLOSE_RANGE.UNSHARE | CLOSE_RANGE.CLOEXEC) || (first >>> 0) > (last >>> 0)) throw E.EINVAL;
      const fds = t.process.fds;
      for (const fd of fds.fds()) {
        if (fd < (first >>> 0) || fd > (last >>> 0)) continue;
        if (flags & CLOSE_RANGE.CLOEXEC) fds.setCloexec(fd, true);
        else fds.close(fd);
      }
      return 0;
    }),
    full('sync_file_range', (t, fd, _ol, offHi, _ll, lenHi, flags) => {
      const f = t.process.fds.get(fd);
      if (flags & ~SYNC_FILE_RANGE_ALL || offHi < 0 || lenHi < 0) throw E.EINVAL;
      if ((f.ops.stat(f).mode & S.IFMT) !== S.IFREG && (f.ops.stat(f).mode & S.IFMT) !== S.IFDIR) throw E.ESPIPE;
      f.ops.sync?.(f);
      return 0;
    }),
  ];
}
