import type { SyscallEntry } from './syscall-entry.js';

/** A kernel subsystem plugin: a named package that claims a set of syscalls. */
export interface Subsystem {
  /** Package name, e.g. "@kandelo/sys-fs". */
  readonly name: string;
  readonly syscalls: readonly SyscallEntry[];
}
