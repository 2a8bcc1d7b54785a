import { E, F, FLOCK, LOCK_TYPE, O, type OpenFile, SEEK, type Thread } from '@kandelo/kernel-core';
import type { LockManager } from './lock-manager.js';
import { type RangeBase, rangeToFlock, resolveRange } from './lock-range.js';
import type { RequestType } from './record-locks.js';

/** The fcntl commands fcntlLock handles. */
export const FCNTL_LOCK_CMDS: ReadonlySet<number> = new Set([
  F.GETLK, F.SETLK, F.SETLKW, F.OFD_GETLK, F.OFD_SETLK, F.OFD_SETLKW,
]);

const canRead = (f: OpenFile): boolean => (f.flags & O.ACCMODE) !== O.WRONLY;
const canWrite = (f: OpenFile): boolean => (f.flags & O.ACCMODE) !== O.RDONLY;

/** SEEK_CUR counts from the description's offset, SEEK_END from the file's size (fstat'ed only then). */
const baseOf = (f: OpenFile): RangeBase => ({ offset: BigInt(f.offset), size: () => BigInt(f.ops.stat(f).size) });

/**
 * fcntl64's lock commands on description `f` (already looked up from the descriptor): reads the
 * struct flock at `arg` from process memory, and for the GETLK commands writes the answer back.
 * Returns 0, or PARK for an F_SETLKW / F_OFD_SETLKW that must wait (the call is made again when
 * a lock on the file goes; the fcntl handler just returns what this returns).
 *
 * Errors as Linux, checked in Linux's order: EINVAL for a bad l_type or l_whence, a range
 * starting before byte 0, or a non-zero l_pid in an OFD request; EOVERFLOW for a range past the
 * largest offset; EBADF for a read lock on a description not open for reading (write lock:
 * writing) or an O_PATH one; EAGAIN for a conflict without waiting; EDEADLK when waiting would deadlock.
 */
export function fcntlLock(locks: LockManager, t: Thread, f: OpenFile, cmd: number, arg: number): number {
  if (f.flags & O.PATH) throw E.EBADF;
  const m = t.process.memory;
  const type = m.u16(arg + FLOCK.l_type);
  const whence = m.u16(arg + FLOCK.l_whence);
  const lStart = m.i64(arg + FLOCK.l_start);
  const lLen = m.i64(arg + FLOCK.l_len);
  const ofd = cmd === F.OFD_GETLK || cmd === F.OFD_SETLK || cmd === F.OFD_SETLKW;
  // An OFD lock has no owning process: l_pid is reserved and must be 0.
  const checkPid = (): void => {
    if (ofd && m.i32at(arg + FLOCK.l_pid) !== 0) throw E.EINVAL;
  };
  switch (cmd) {
    case F.GETLK:
    case F.OFD_GETLK: {
      // Asking whether F_UNLCK could be placed is meaningless, except that Linux 6.6+ lets
      // F_OFD_GETLK ask with it for the description's own lock in the range.
      if (type !== LOCK_TYPE.RDLCK && type !== LOCK_TYPE.WRLCK && !(cmd === F.OFD_GETLK && type === LOCK_TYPE.UNLCK)) {
        throw E.EINVAL;
      }
      const range = resolveRange(whence, lStart, lLen, baseOf(f));
      checkPid();
      const c = locks.testRecord(t, f, ofd, type as RequestType, range);
      if (!c) {
        // Linux leaves the other fields as the caller gave them.
        m.setU16(arg + FLOCK.l_type, LOCK_TYPE.UNLCK);
        return 0;
      }
      const { start, len } = rangeToFlock(c);
      m.setU16(arg + FLOCK.l_type, c.type);
      m.setU16(arg + FLOCK.l_whence, SEEK.SET);
      m.setI64(arg + FLOCK.l_start, start);
      m.setI64(arg + FLOCK.l_len, len);
      m.setI32(arg + FLOCK.l_pid, c.ofd ? -1 : c.pid);
      return 0;
    }
    case F.SETLK:
    case F.SETLKW:
    case F.OFD_SETLK:
    case F.OFD_SETLKW: {
      const range = resolveRange(whence, lStart, lLen, baseOf(f));
      if (type !== LOCK_TYPE.RDLCK && type !== LOCK_TYPE.WRLCK && type !== LOCK_TYPE.UNLCK) throw E.EINVAL;
      if ((type === LOCK_TYPE.RDLCK && !canRead(f)) || (type === LOCK_TYPE.WRLCK && !canWrite(f))) throw E.EBADF;
      checkPid();
      const wait = cmd === F.SETLKW || cmd === F.OFD_SETLKW;
      return locks.setRecord(t, f, ofd, type as RequestType, range, wait);
    }
  }
  throw E.EINVAL;
}
