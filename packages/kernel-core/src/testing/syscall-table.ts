import { Errno } from '../abi/errno.js';
import type { SyscallEntry } from '../plugin/syscall-entry.js';
import type { Thread } from '../process/thread.js';
import { PARK } from '../router/sentinels.js';

/**
 * A caller for handler tables in unit tests: `sys(t, name, ...args)` runs a syscall as the router
 * and channel server would (-errno for a thrown sentinel; PARK kept, with the call's progress).
 */
export function syscallCaller(entries: readonly SyscallEntry[]): (t: Thread, name: string, ...args: number[]) => number {
  const table = new Map(entries.map((e) => [e.name, e]));
  return (t, name, ...args) => {
    const h = table.get(name)?.handler;
    if (!h) throw new Error(`no handler for ${name}`);
    let r: number;
    try {
      r = h(t, args[0] ?? 0, args[1] ?? 0, args[2] ?? 0, args[3] ?? 0, args[4] ?? 0, args[5] ?? 0);
    } catch (err) {
      if (!(err instanceof Errno)) throw err;
      r = -err.code;
    }
    if (r !== PARK) t.progress = undefined;
    return r;
  };
}
