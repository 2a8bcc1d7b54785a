import { E, type Errno, type FdTable, LOCK_TYPE, type OpenFile, type Thread, WaitQueue } from '@kandelo/kernel-core';
import type { OpenHooks } from '../files/open-hooks.js';
import { inodeOf } from '../vfs/inode.js';
import { WaitForGraph } from './deadlock.js';
import { FlockLocks } from './flock-locks.js';
import { type LockRange, OFFSET_MAX } from './lock-range.js';
import { type HeldType, type RecordLock, RecordLocks, type RequestType } from './record-locks.js';

/** The file a description refers to. Locks belong to the file, not to an inode object (backends may make several). */
export interface FileId {
  readonly dev: number;
  readonly ino: number;
}

/** The file behind `f`: its inode's (st_dev, ino), or what fstat says for files without one (pipes). */
export function fileIdOf(f: OpenFile): FileId {
  const node = inodeOf(f);
  if (node) return { dev: node.fs.dev, ino: node.ino };
  const st = f.ops.stat(f);
  return { dev: st.dev, ino: st.ino };
}

const keyOf = (id: FileId): string => `${id.dev}:${id.ino}`;

/** The locks on one file and the threads waiting for them. */
interface FileLockState {
  readonly id: FileId;
  readonly records: RecordLocks;
  readonly flocks: FlockLocks;
  readonly recordWaiters: WaitQueue;
  readonly flockWaiters: WaitQueue;
}

/** One held lock, for /proc/locks. */
export interface LockEntry {
  readonly kind: 'POSIX' | 'OFDLCK' | 'FLOCK';
  readonly type: HeldType;
  readonly pid: number;
  readonly dev: number;
  readonly ino: number;
  /** The byte range (a flock covers the whole file: 0 to OFFSET_MAX). */
  readonly start: bigint;
  readonly end: bigint;
}

/**
 * The kernel's advisory locks (one per kernel): fcntl record locks with per-process (POSIX) or
 * per-description (OFD) owners, which share one lock space, and flock(2) locks, which have their
 * own. Methods that may block follow the kernel's model: they park the thread and return PARK,
 * and the whole call is made again when a lock on the file goes away. It is the VFS's OpenHooks:
 * Vfs.setHooks(manager) routes every close and release of the VFS's files here.
 */
export class LockManager implements OpenHooks {
  private readonly files = new Map<string, FileLockState>();
  /**
   * Owner (a POSIX owner's FdTable, or an OpenFile for OFD and flock locks) -> keys of the files
   * it holds locks on. Every close consults it, so closing a file without locks costs a map lookup.
   */
  private readonly owners = new Map<object, Set<string>>();
  private readonly graph = new WaitForGraph();

  /**
   * F_GETLK / F_OFD_GETLK: the first lock (lowest start) that would stop the caller taking
   * `type` over `range`, or undefined when the lock could be placed. With F_UNLCK (which
   * fcntlLock allows for F_OFD_GETLK only, as Linux 6.6+) it is the caller's own first lock in the range.
   */
  testRecord(t: Thread, f: OpenFile, ofd: boolean, type: RequestType, range: LockRange): RecordLock | undefined {
    const s = this.files.get(keyOf(fileIdOf(f)));
    const owner = ofd ? f : t.process.fds;
    if (type === LOCK_TYPE.UNLCK) return s?.records.owned(owner, range);
    return s?.records.conflicts(owner, type, range)[0];
  }

  /**
   * F_SETLK(W) / F_OFD_SETLK(W): sets the owner's locks over `range` to `type` (F_UNLCK
   * unlocks), atomically. A conflict is EAGAIN, or with `wait` parks the thread (PARK) unless a
   * POSIX owner would deadlock (EDEADLK). Access-mode checks are the caller's (fcntlLock).
   */
  setRecord(t: Thread, f: OpenFile, ofd: boolean, type: RequestType, range: LockRange, wait: boolean): number {
    const owner: object = ofd ? f : t.process.fds;
    const id = fileIdOf(f);
    const key = keyOf(id);
    if (type === LOCK_TYPE.UNLCK) {
      const s = this.files.get(key);
      if (s?.records.apply(owner, ofd, t.process.pid, type, range)) s.recordWaiters.wakeAll();
      if (s) this.settle(key, s, owner);
      return 0;
    }
    this.watch(f);
    const s = this.state(key, id);
    const blockers = s.records.conflicts(owner, type, range);
    if (blockers.length > 0) {
      if (!wait) this.fail(key, s, E.EAGAIN);
      let undo: (() => void) | undefined;
      if (!ofd) {
        const owners = new Set(blockers.map((b) => b.owner));
        if (this.graph.wouldDeadlock(owner, owners)) this.fail(key, s, E.EDEADLK);
        undo = this.graph.add(owner, owners);
      }
      return this.wait(t, key, s, s.recordWaiters, undo);
    }
    if (s.records.apply(owner, ofd, t.process.pid, type, range)) s.recordWaiters.wakeAll();
    this.settle(key, s, owner);
    return 0;
  }

  /**
   * flock(2) with `type` F_RDLCK (LOCK_SH), F_WRLCK (LOCK_EX) or F_UNLCK (LOCK_UN). As on Linux
   * a conversion is not atomic: the old lock goes first, so a conversion that must wait (or fails
   * with LOCK_NB) has lost the lock it held, and other waiters may get in between.
   */
  flock(t: Thread, f: OpenFile, type: RequestType, wait: boolean): number {
    const id = fileIdOf(f);
    const key = keyOf(id);
    if (type === LOCK_TYPE.UNLCK) {
      const s = this.files.get(key);
      if (s?.flocks.remove(f)) s.flockWaiters.wakeAll();
      if (s) this.settle(key, s, f);
      return 0;
    }
    this.watch(f);
    const s = this.state(key, id);
    const held = s.flocks.get(f);
    if (held?.type === type) return 0;
    if (held) s.flocks.remove(f);
    if (s.flocks.conflicts(f, type)) {
      // Wake before parking, or this thread would be among those woken.
      if (held) s.flockWaiters.wakeAll();
      this.track(f, key, s);
      if (!wait) this.fail(key, s, E.EAGAIN);
      return this.wait(t, key, s, s.flockWaiters);
    }
    s.flocks.set(f, type, t.process.pid);
    // A downgrade lets shared waiters in; an upgrade frees nothing.
    if (held && type === LOCK_TYPE.RDLCK) s.flockWaiters.wakeAll();
    this.settle(key, s, f);
    return 0;
  }

  /**
   * FileOps.closed: `fds` closed a descriptor of `f`. Any close of a file by a process drops all
   * of that process's POSIX locks on the file, whichever descriptor they were taken through.
   */
  closed(f: OpenFile, fds: FdTable): void {
    const keys = this.owners.get(fds);
    if (!keys) return;
    const key = keyOf(fileIdOf(f));
    const s = keys.has(key) ? this.files.get(key) : undefined;
    if (!s) return;
    if (s.records.removeOwner(fds)) s.recordWaiters.wakeAll();
    this.settle(key, s, fds);
  }

  /** FileOps.release: the last reference to `f` went; its OFD and flock locks go with it. */
  released(f: OpenFile): void {
    const keys = this.owners.get(f);
    if (!keys) return;
    for (const key of [...keys]) {
      const s = this.files.get(key);
      if (!s) continue;
      if (s.records.removeOwner(f)) s.recordWaiters.wakeAll();
      if (s.flocks.remove(f)) s.flockWaiters.wakeAll();
      this.settle(key, s, f);
    }
  }

  /** Every held lock, file by file (for /proc/locks). */
  *entries(): IterableIterator<LockEntry> {
    for (const { id, records, flocks } of this.files.values()) {
      for (const l of records.all()) {
        yield { kind: l.ofd ? 'OFDLCK' : 'POSIX', type: l.type, pid: l.pid, ...id, start: l.start, end: l.end };
      }
      for (const [, l] of flocks.entries()) {
        yield { kind: 'FLOCK', type: l.type, pid: l.pid, ...id, start: 0n, end: OFFSET_MAX };
      }
    }
  }

  /** Files with lock state (held locks or waiters); for leak checks in tests. */
  get trackedFiles(): number {
    return this.files.size;
  }

  /**
   * A lock's file is about to be recorded: VFS files report their closes through the VFS's hooks;
   * pipes and terminals do not, so the description is watched (as on Linux, their locks work).
   */
  private watch(f: OpenFile): void {
    if (!inodeOf(f)) f.watch = this;
  }

  private state(key: string, id: FileId): FileLockState {
    let s = this.files.get(key);
    if (!s) {
      s = { id, records: new RecordLocks(), flocks: new FlockLocks(), recordWaiters: new WaitQueue(), flockWaiters: new WaitQueue() };
      this.files.set(key, s);
    }
    return s;
  }

  /** Parks `t` on `queue` until a lock on the file goes; the clean-up also runs on EINTR and exit. */
  private wait(t: Thread, key: string, s: FileLockState, queue: WaitQueue, undo?: () => void): number {
    t.parkCleanup = () => {
      undo?.();
      queue.remove(t);
      this.keepOrDrop(key, s);
    };
    const r = t.park(queue);
    this.keepOrDrop(key, s);
    return r;
  }

  private fail(key: string, s: FileLockState, err: Errno): never {
    this.keepOrDrop(key, s);
    throw err;
  }

  private settle(key: string, s: FileLockState, owner: object): void {
    this.track(owner, key, s);
    this.keepOrDrop(key, s);
  }

  /** Keeps the owner -> files index in step with what `owner` holds on the file. */
  private track(owner: object, key: string, s: FileLockState): void {
    const holds = s.records.hasOwner(owner) || s.flocks.get(owner as OpenFile) !== undefined;
    let keys = this.owners.get(owner);
    if (holds) {
      if (!keys) this.owners.set(owner, (keys = new Set()));
      keys.add(key);
    } else if (keys?.delete(key) && keys.size === 0) {
      this.owners.delete(owner);
    }
  }

  /**
   * Forgets a file with no locks and no waiters, and (re)registers one that has them. A wake-up
   * in the middle of an operation may have dropped the state the operation still works on (the
   * woken waiters' clean-ups run at once; their calls run later), hence the re-registering.
   */
  private keepOrDrop(key: string, s: FileLockState): void {
    const empty = s.records.size === 0 && s.flocks.size === 0 && s.recordWaiters.size === 0 && s.flockWaiters.size === 0;
    if (!empty) this.files.set(key, s);
    else if (this.files.get(key) === s) this.files.delete(key);
  }
}
