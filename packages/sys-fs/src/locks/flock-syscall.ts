import { E, LOCK, LOCK_TYPE, O, type OpenFile, type Thread } from '@kandelo/kernel-core';
import type { LockManager } from './lock-manager.js';

/** LOCK_MAND: Samba's share modes, never enforced; Linux now ignores such requests and answers 0. */
const LOCK_MAND = 32;

/**
 * flock(2) on description `f` (already looked up from the descriptor): LOCK_SH, LOCK_EX or
 * LOCK_UN, with LOCK_NB for EWOULDBLOCK (EAGAIN) instead of waiting. Returns 0, or PARK when it
 * must wait (the call is made again when a flock on the file goes; the handler returns it as is).
 * EINVAL for any other operation; EBADF on an O_PATH descriptor.
 */
export function flock(locks: LockManager, t: Thread, f: OpenFile, op: number): number {
  if (op & LOCK_MAND) return 0;
  if (f.flags & O.PATH) throw E.EBADF;
  const wait = (op & LOCK.NB) === 0;
  switch (op & ~LOCK.NB) {
    case LOCK.SH: return locks.flock(t, f, LOCK_TYPE.RDLCK, wait);
    case LOCK.EX: return locks.flock(t, f, LOCK_TYPE.WRLCK, wait);
    case LOCK.UN: return locks.flock(t, f, LOCK_TYPE.UNLCK, false);
    default: throw E.EINVAL;
  }
}
