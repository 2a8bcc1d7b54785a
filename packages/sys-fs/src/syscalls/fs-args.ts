import { AT, E, type OpenFile, type Thread } from '@kandelo/kernel-core';
import type { Mount } from '../vfs/mount.js';
import { inodeOf } from '../vfs/inode.js';
import { type At, type Step, top } from '../vfs/path-walk.js';
import type { Vfs } from '../vfs/vfs.js';

/** statx's AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC: sync hints, meaningless here. */
export const AT_STATX_SYNC_TYPE = 0x6000;

/** A 64-bit syscall argument passed as two 32-bit halves (lo, hi). */
export const arg64 = (lo: number, hi: number): number => (lo >>> 0) + hi * 0x1_0000_0000;

/** Where a path argument of an *at call starts (the dirfd's or cwd's place, or the root). */
export function pathAt(vfs: Vfs, t: Thread, dirfd: number, ptr: number): At {
  return vfs.at(t.process, dirfd, t.process.memory.cstring(ptr));
}

/** The VFS node behind an open file (EBADF-like EINVAL for pipes and sockets that have none). */
export function stepOfFile(f: OpenFile): Step {
  const node = inodeOf(f);
  if (!node) throw E.EINVAL;
  return { mnt: f.mount as Mount, node, name: '' };
}

/**
 * The node an *at call names: `dirfd` itself for an empty path with AT_EMPTY_PATH, else the
 * path relative to it, following a final symlink unless AT_SYMLINK_NOFOLLOW (or, when
 * `followFlag` is AT_SYMLINK_FOLLOW, only with it).
 */
export function stepAt(vfs: Vfs, t: Thread, dirfd: number, ptr: number, flags: number, followFlag: number = AT.SYMLINK_NOFOLLOW): Step {
  const p = t.process;
  const path = p.memory.cstring(ptr);
  if (path === '' && flags & AT.EMPTY_PATH) {
    if (dirfd === AT.FDCWD) return top(vfs.cwdStack(p));
    return stepOfFile(p.fds.get(dirfd));
  }
  const follow = followFlag === AT.SYMLINK_FOLLOW ? (flags & AT.SYMLINK_FOLLOW) !== 0 : !(flags & AT.SYMLINK_NOFOLLOW);
  return vfs.lookup(p, vfs.at(p, dirfd, path), follow);
}
