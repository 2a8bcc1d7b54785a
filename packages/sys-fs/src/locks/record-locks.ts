import { LOCK_TYPE } from '@kandelo/kernel-core';
import { type LockRange, overlaps } from './lock-range.js';

/** F_RDLCK or F_WRLCK: the types a held lock can have. */
export type HeldType = typeof LOCK_TYPE.RDLCK | typeof LOCK_TYPE.WRLCK;
/** What a request may ask for: a held type, or F_UNLCK. */
export type RequestType = HeldType | typeof LOCK_TYPE.UNLCK;

/**
 * One byte-range lock. The owner is compared by identity: the process's FdTable for a POSIX
 * lock (Linux's files_struct, shared by its threads), the OpenFile for an OFD lock. A POSIX and
 * an OFD lock therefore never share an owner, so they conflict even within one process, as on Linux.
 */
export interface RecordLock extends LockRange {
  readonly owner: object;
  readonly ofd: boolean;
  /** The locking process (l_pid for F_GETLK on a POSIX lock; OFD locks report -1). */
  readonly pid: number;
  readonly type: HeldType;
}

/** Two locks of different owners clash unless both are read locks. */
export const typesClash = (a: HeldType, b: HeldType): boolean => a === LOCK_TYPE.WRLCK || b === LOCK_TYPE.WRLCK;

/**
 * The record locks (POSIX and OFD: one lock space) on one file, sorted by start. An owner's own
 * locks are kept canonical, as Linux's posix_lock_inode keeps them: disjoint, and no two of one
 * type touching (they are merged), so a request replaces whatever the owner held in its range.
 */
export class RecordLocks {
  private locks: RecordLock[] = [];

  get size(): number {
    return this.locks.length;
  }

  all(): readonly RecordLock[] {
    return this.locks;
  }

  hasOwner(owner: object): boolean {
    return this.locks.some((l) => l.owner === owner);
  }

  /** Other owners' locks that stop `owner` from taking `type` over `range`, lowest start first. */
  conflicts(owner: object, type: HeldType, range: LockRange): RecordLock[] {
    return this.locks.filter((l) => l.owner !== owner && overlaps(l, range) && typesClash(l.type, type));
  }

  /** The owner's own first lock overlapping `range` (F_OFD_GETLK with F_UNLCK, Linux 6.6+). */
  owned(owner: object, range: LockRange): RecordLock | undefined {
    return this.locks.find((l) => l.owner === owner && overlaps(l, range));
  }

  /**
   * Sets `owner`'s locks over `range` to `type` (F_UNLCK removes them), splitting locks that
   * straddle the range's ends and merging with touching locks of the same type. The caller has
   * checked for conflicts, so this always succeeds and is atomic. Returns whether anything the
   * owner held was released or downgraded, i.e. whether waiters may now get their lock.
   */
  apply(owner: object, ofd: boolean, pid: number, type: RequestType, range: LockRange): boolean {
    const mine: RecordLock[] = [];
    const others: RecordLock[] = [];
    for (const l of this.locks) (l.owner === owner ? mine : others).push(l);
    let freed = false;
    const kept: RecordLock[] = [];
    for (const l of mine) {
      if (!overlaps(l, range)) {
        kept.push(l);
        continue;
      }
      if (type === LOCK_TYPE.UNLCK || (type === LOCK_TYPE.RDLCK && l.type === LOCK_TYPE.WRLCK)) freed = true;
      if (l.start < range.start) kept.push({ ...l, end: range.start - 1n });
      if (l.end > range.end) kept.push({ ...l, start: range.end + 1n });
    }
    if (type !== LOCK_TYPE.UNLCK) {
      let { start, end } = range;
      for (let i = kept.length - 1; i >= 0; i--) {
        const l = kept[i]!;
        // Nothing kept overlaps the range any more: this catches the neighbours ending at
        // start-1 or starting at end+1.
        if (l.type === type && l.end + 1n >= start && l.start <= end + 1n) {
          if (l.start < start) start = l.start;
          if (l.end > end) end = l.end;
          kept.splice(i, 1);
        }
      }
      kept.push({ owner, ofd, pid, type, start, end });
    }
    this.locks = others.concat(kept).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    return freed;
  }

  /** Drops every lock of `owner` (a close, an exit, a description's release); true if there were any. */
  removeOwner(owner: object): boolean {
    const before = this.locks.length;
    this.locks = this.locks.filter((l) => l.owner !== owner);
    return this.locks.length !== before;
  }
}
