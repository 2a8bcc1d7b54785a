import { E, type FileStat, S } from '@kandelo/kernel-core';
import type { Caller } from './inode.js';

export const MAY = { EXEC: 1, WRITE: 2, READ: 4 } as const;

const inGroup = (c: Caller, gid: number): boolean => c.gid === gid || c.groups.includes(gid);

/**
 * Whether `c` may access a node with `st` for `mask` (MAY_* bits), by its mode bits as Linux's
 * generic_permission decides; root may do anything except execute a file with no x bit at all.
 */
export function permits(st: FileStat, c: Caller, mask: number): boolean {
  if (c.uid === 0) {
    if (!(mask & MAY.EXEC) || (st.mode & S.IFMT) === S.IFDIR) return true;
    return (st.mode & 0o111) !== 0;
  }
  const bits = st.uid === c.uid ? st.mode >> 6 : inGroup(c, st.gid) ? st.mode >> 3 : st.mode;
  return (bits & mask & 7) === (mask & 7);
}

export function checkAccess(st: FileStat, c: Caller, mask: number): void {
  if (!permits(st, c, mask)) throw E.EACCES;
}

/** Owner or root: chmod, utimes with explicit times, clearing the sticky-bit protection. */
export const ownsOrRoot = (st: FileStat, c: Caller): boolean => c.uid === 0 || st.uid === c.uid;

/** In a sticky directory only the file's owner, the directory's owner or root may remove or rename it. */
export function checkSticky(dir: FileStat, victim: FileStat, c: Caller): void {
  if (dir.mode & 0o1000 && c.uid !== 0 && victim.uid !== c.uid && dir.uid !== c.uid) throw E.EPERM;
}

export { inGroup };

const S_ISGID = 0o2000;

/**
 * Owner and permission bits of a node `c` makes in a directory with `dir` attributes (Linux's
 * inode_init_owner): the creator's fsuid; the directory's group when it is setgid (and, for a
 * subdirectory, the bit), else the creator's fsgid; mkdir keeps only rwx and sticky from its
 * argument; no setgid-executable file in a group the creator is not in (root excepted).
 * `perm` has the umask applied already.
 */
export function initOwner(type: number, perm: number, dir: Pick<FileStat, 'mode' | 'gid'>, c: Caller): { mode: number; uid: number; gid: number } {
  const inherit = (dir.mode & S_ISGID) !== 0;
  const gid = inherit ? dir.gid : c.gid;
  let bits = perm & 0o7777;
  if (type === S.IFDIR) {
    bits &= 0o1777;
    if (inherit) bits |= S_ISGID;
  } else if (bits & S_ISGID && bits & 0o010 && c.uid !== 0 && !inGroup(c, gid)) {
    bits &= ~S_ISGID;
  }
  return { mode: type | bits, uid: c.uid, gid };
}
