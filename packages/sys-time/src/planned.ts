import { type SyscallEntry, unimplemented } from '@kandelo/kernel-core';

/** Time syscalls declared but not implemented yet: they answer ENOSYS. */
export function plannedTimeSyscalls(): SyscallEntry[] {
  return [unimplemented('clock_adjtime64', 'the host owns the clocks: nothing to adjust (clock_settime says EPERM)')];
}
