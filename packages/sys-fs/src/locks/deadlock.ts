/**
 * The wait-for graph among POSIX lock owners: while an F_SETLKW caller is parked, its owner has
 * an edge to every owner holding a lock that conflicts with its request. A new waiter whose
 * blockers can reach it through these edges would close a cycle, so it gets EDEADLK instead of
 * waiting (Linux's posix_locks_deadlock; like Linux, OFD waiters take no part: an open file
 * description is not an execution context that could be waiting).
 *
 * Edges are those of the moment of each attempt: a woken waiter drops its edges (park cleanup),
 * retries from scratch and, if it must wait again, adds the edges of its new blockers.
 */
export class WaitForGraph {
  /** Owner -> the blocker sets of its parked waiters (one per waiting thread). */
  private readonly waits = new Map<object, Set<ReadonlySet<object>>>();

  /** Whether `owner` waiting for `blockers` would deadlock: some blocker (transitively) waits for `owner`. */
  wouldDeadlock(owner: object, blockers: Iterable<object>): boolean {
    const seen = new Set<object>();
    const todo = [...blockers];
    while (todo.length) {
      const o = todo.pop()!;
      if (o === owner) return true;
      if (seen.has(o)) continue;
      seen.add(o);
      for (const set of this.waits.get(o) ?? []) todo.push(...set);
    }
    return false;
  }

  /** Records that `owner` waits for `blockers`; returns the function that removes the record. */
  add(owner: object, blockers: Iterable<object>): () => void {
    let sets = this.waits.get(owner);
    if (!sets) this.waits.set(owner, (sets = new Set()));
    const entry: ReadonlySet<object> = new Set(blockers);
    sets.add(entry);
    const own = sets;
    return () => {
      own.delete(entry);
      if (own.size === 0 && this.waits.get(owner) === own) this.waits.delete(owner);
    };
  }

  /** Owners with a parked waiter (for tests and leak checks). */
  get waitingOwners(): number {
    return this.waits.size;
  }
}
