import { AT, E, full, type FileStat, STATFS, type SyscallEntry, type Thread } from '@kandelo/kernel-core';
import type { Vfs } from '../vfs/vfs.js';
import { AT_STATX_SYNC_TYPE, pathAt, stepAt, stepOfFile } from './fs-args.js';
import type { Step } from '../vfs/path-walk.js';
import { writeKstat, writeStatx } from './stat-write.js';

/** statfs f_flags bits (ST_RDONLY, ST_NOSUID, ST_NODEV, ST_NOEXEC, ST_VALID). */
const ST = { RDONLY: 1, NOSUID: 2, NODEV: 4, NOEXEC: 8, VALID: 0x20 } as const;

function writeStatfs(t: Thread, ptr: number, size: number, s: Step): void {
  if (size !== STATFS.size) throw E.EINVAL;
  const st = s.mnt.fs.statfs();
  const m = t.process.memory;
  m.bytes(ptr, STATFS.size).fill(0);
  m.setU32(ptr + STATFS.f_type, st.magic);
  m.setU32(ptr + STATFS.f_bsize, st.bsize);
  m.setI64(ptr + STATFS.f_blocks, st.blocks);
  m.setI64(ptr + STATFS.f_bfree, st.bfree);
  m.setI64(ptr + STATFS.f_bavail, st.bfree);
  m.setI64(ptr + STATFS.f_files, st.files);
  m.setI64(ptr + STATFS.f_ffree, st.ffree);
  m.setU32(ptr + STATFS.f_fsid, s.mnt.fs.dev);
  m.setU32(ptr + STATFS.f_namelen, st.namelen);
  m.setU32(ptr + STATFS.f_frsize, st.bsize);
  const f = s.mnt.flags;
  m.setU32(ptr + STATFS.f_flags, ST.VALID | (s.mnt.readonly ? ST.RDONLY : 0) | (f.nosuid ? ST.NOSUID : 0) |
    (f.nodev ? ST.NODEV : 0) | (f.noexec ? ST.NOEXEC : 0));
}

/** The stat family and statfs. */
export function statSyscalls(vfs: Vfs): SyscallEntry[] {
  const statAt = (t: Thread, dirfd: number, pathname: number, flags: number): FileStat => {
    if (flags & ~(AT.SYMLINK_NOFOLLOW | AT.EMPTY_PATH | AT.NO_AUTOMOUNT | AT_STATX_SYNC_TYPE)) throw E.EINVAL;
    const p = t.process;
    if (flags & AT.EMPTY_PATH && dirfd !== AT.FDCWD && p.memory.cstring(pathname) === '') {
      const f = p.fds.get(dirfd);
      return f.ops.stat(f);
    }
    return stepAt(vfs, t, dirfd, pathname, flags).node.stat();
  };
  return [
    full('fstat64', (t, fd, buf) => {
      const f = t.process.fds.get(fd);
      writeKstat(t, buf, f.ops.stat(f));
      return 0;
    }),
    full('fstatat64', (t, dirfd, pathname, buf, flags) => {
      writeKstat(t, buf, statAt(t, dirfd, pathname, flags));
      return 0;
    }),
    full('statx', (t, dirfd, pathname, flags, mask, buf) => {
      if (mask & 0x80000000) throw E.EINVAL; // STATX__RESERVED
      writeStatx(t, buf, statAt(t, dirfd, pathname, flags));
      return 0;
    }),
    full('statfs64', (t, pathname, size, buf) => {
      writeStatfs(t, buf, size, vfs.lookup(t.process, pathAt(vfs, t, AT.FDCWD, pathname), true));
      return 0;
    }),
    full('fstatfs64', (t, fd, size, buf) => {
      const f = t.process.fds.get(fd);
      writeStatfs(t, buf, size, stepOfFile(f));
      return 0;
    }),
  ];
}
