/** Advisory file locks: fcntl record locks (POSIX and OFD) and flock(2). */
export { LockManager, fileIdOf, type FileId, type LockEntry } from './lock-manager.js';
export { fcntlLock, FCNTL_LOCK_CMDS } from './fcntl-lock.js';
export { flock } from './flock-syscall.js';
export { formatProcLocks } from './proc-locks.js';
export { OFFSET_MAX, resolveRange, rangeToFlock, type LockRange, type RangeBase } from './lock-range.js';
export type { RecordLock, HeldType, RequestType } from './record-locks.js';
