import { injectable } from 'tsyringe';
import type { Subsystem, SyscallEntry } from '@kandelo/kernel-core';
import { brkSyscalls } from './brk.js';
import { mmapSyscalls } from './mmap.js';

/** @kandelo/sys-mm: the process address space. */
@injectable()
export class MmSubsystem implements Subsystem {
  readonly name = '@kandelo/sys-mm';
  readonly syscalls: readonly SyscallEntry[] = [...brkSyscalls(), ...mmapSyscalls()];
}
