import { E, Errno } from '../abi/errno.js';
import { SYSCALL_LIMIT, syscallName, syscallNumber } from '../abi/syscalls.js';
import type { KernelLog } from '../host/host-services.js';
import type { Subsystem } from '../plugin/subsystem.js';
import type { SupportLevel, SyscallHandler } from '../plugin/syscall-entry.js';
import type { Thread } from '../process/thread.js';

export interface SyscallReportRow {
  readonly nr: number;
  readonly name: string;
  readonly owner: string | undefined;
  readonly support: SupportLevel | 'missing';
  readonly note: string | undefined;
}

/**
 * Routes syscall numbers to handlers. The subsystems' tables are compiled once, at boot, into a
 * dense array indexed by number. A duplicate claim or an unknown name is a boot error. Numbers
 * with no handler (unclaimed, declared unimplemented, or out of range) take the one ENOSYS path.
 */
export class SyscallRouter {
  private readonly handlers: (SyscallHandler | undefined)[] = new Array(SYSCALL_LIMIT).fill(undefined);
  private readonly rows: SyscallReportRow[] = [];
  private readonly claims = new Map<string, string>();

  constructor(
    subsystems: readonly Subsystem[],
    private readonly log: KernelLog,
  ) {
    for (const sub of subsystems) {
      for (const entry of sub.syscalls) {
        const nr = syscallNumber(entry.name);
        if (nr === undefined) throw new Error(`${sub.name}: syscall "${entry.name}" is not in the ABI table`);
        const prior = this.claims.get(entry.name);
        if (prior !== undefined) throw new Error(`syscall "${entry.name}" claimed by both ${prior} and ${sub.name}`);
        if (entry.support !== 'unimplemented' && !entry.handler) {
          throw new Error(`${sub.name}: syscall "${entry.name}" is ${entry.support} but has no handler`);
        }
        this.claims.set(entry.name, sub.name);
        this.handlers[nr] = entry.support === 'unimplemented' ? undefined : entry.handler;
        this.rows[nr] = { nr, name: entry.name, owner: sub.name, support: entry.support, note: entry.note };
      }
    }
  }

  /** Runs syscall `nr` for thread `t`: a result >= 0, -errno, PARK or NO_REPLY. Never throws. */
  dispatch(t: Thread, nr: number, a: number, b: number, c: number, d: number, e: number, f: number): number {
    const h = nr >= 0 && nr < SYSCALL_LIMIT ? this.handlers[nr] : undefined;
    if (h === undefined) return -E.ENOSYS.code;
    try {
      return h(t, a, b, c, d, e, f);
    } catch (err) {
      if (err instanceof Errno) return -err.code;
      this.log.error(`kernel bug in ${syscallName(nr)} (pid ${t.process.pid}):`, err);
      return -E.EIO.code;
    }
  }

  /** Whether a handler is installed for `nr`. */
  has(nr: number): boolean {
    return nr >= 0 && nr < SYSCALL_LIMIT && this.handlers[nr] !== undefined;
  }

  /** The compatibility report: every ABI syscall with its owner and support level. */
  report(): SyscallReportRow[] {
    const out: SyscallReportRow[] = [];
    for (let nr = 0; nr < SYSCALL_LIMIT; nr++) {
      const name = syscallName(nr);
      if (name.startsWith('sys_')) continue;
      out.push(this.rows[nr] ?? { nr, name, owner: undefined, support: 'missing', note: undefined });
    }
    return out;
  }
}
