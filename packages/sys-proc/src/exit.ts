import { exitStatus, full, NO_REPLY, partial, type Kernel, type SyscallEntry, type Thread } from '@kandelo/kernel-core';

/** exit and exit_group. */
export function exitSyscalls(kernel: Kernel): SyscallEntry[] {
  const exitGroup = (t: Thread, code: number): number => {
    kernel.exitProcess(t.process, exitStatus(code), t);
    return NO_REPLY;
  };
  return [
    full('exit_group', exitGroup),
    partial('exit', exitGroup, 'ends the whole process: processes are single-threaded until clone threads arrive'),
  ];
}
