import { type SyscallEntry, unimplemented } from '@kandelo/kernel-core';

const TIME = 'arrives with the signals-and-time issue';

/** Time syscalls declared but not implemented yet: they answer ENOSYS. */
export function plannedTimeSyscalls(): SyscallEntry[] {
  return ['getrusage', 'sysinfo', 'clock_settime64', 'clock_adjtime64']
    .map((n) => unimplemented(n, TIME));
}
