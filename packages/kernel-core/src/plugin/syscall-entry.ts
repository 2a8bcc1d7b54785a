import type { Thread } from '../process/thread.js';

/**
 * A syscall handler: decoded 32-bit arguments in, a non-negative result out. Errors are thrown as
 * errno sentinels (`throw E.EBADF`). A handler that must wait returns PARK after putting the
 * thread on a wait queue; it is run again with the same arguments when woken. A call that never
 * returns to the caller (exit) returns NO_REPLY.
 */
export type SyscallHandler = (t: Thread, a: number, b: number, c: number, d: number, e: number, f: number) => number;

export type SupportLevel = 'full' | 'partial' | 'unimplemented';

/** One row of a subsystem's syscall table, in the manner of gVisor's. */
export interface SyscallEntry {
  /** The ABI name (see abi/syscall-table.ts), never a number. */
  readonly name: string;
  readonly support: SupportLevel;
  readonly handler?: SyscallHandler;
  /** What is partial, or why it is unimplemented. */
  readonly note?: string;
}

export function full(name: string, handler: SyscallHandler, note?: string): SyscallEntry {
  return { name, support: 'full', handler, note };
}

export function partial(name: string, handler: SyscallHandler, note: string): SyscallEntry {
  return { name, support: 'partial', handler, note };
}

/** A declared but unimplemented syscall: answers ENOSYS through the router's single path. */
export function unimplemented(name: string, note: string): SyscallEntry {
  return { name, support: 'unimplemented', note };
}
