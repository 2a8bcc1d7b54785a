import type { OpenFile } from '@kandelo/kernel-core';
import { type HeldType, typesClash } from './record-locks.js';

/** A flock(2) lock: whole-file, owned by an open file description. */
export interface FlockLock {
  readonly type: HeldType;
  /** The process that took it (shown by /proc/locks). */
  readonly pid: number;
}

/**
 * The flock(2) locks on one file: a lock space of its own, separate from record locks. Each
 * description holds at most one, so dup'ed and inherited descriptors share it and a second
 * flock through any of them converts it.
 */
export class FlockLocks {
  private readonly held = new Map<OpenFile, FlockLock>();

  get size(): number {
    return this.held.size;
  }

  get(f: OpenFile): FlockLock | undefined {
    return this.held.get(f);
  }

  entries(): IterableIterator<[OpenFile, FlockLock]> {
    return this.held.entries();
  }

  /** Whether another description holds a lock incompatible with `type` (LOCK_EX excludes everything). */
  conflicts(f: OpenFile, type: HeldType): boolean {
    for (const [holder, l] of this.held) if (holder !== f && typesClash(l.type, type)) return true;
    return false;
  }

  set(f: OpenFile, type: HeldType, pid: number): void {
    this.held.set(f, { type, pid });
  }

  /** Drops `f`'s lock; true if it had one. */
  remove(f: OpenFile): boolean {
    return this.held.delete(f);
  }
}
