import { exitStatus, full, type Kernel, NO_REPLY, type SyscallEntry, type Thread } from '@kandelo/kernel-core';

/** exit ends the calling thread (the last one ends the process); exit_group ends them all. */
export function exitSyscalls(kernel: Kernel): SyscallEntry[] {
  return [
    full('exit_group', (t: Thread, code: number) => {
      kernel.exitProcess(t.process, exitStatus(code), t);
      return NO_REPLY;
    }),
    full('exit', (t: Thread, code: number) => {
      kernel.exitThread(t, code);
      return NO_REPLY;
    }),
  ];
}
