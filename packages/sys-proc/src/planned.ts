import { type SyscallEntry, unimplemented } from '@kandelo/kernel-core';

const SIGNALS = 'arrives with sys-signal (signals issue): delivery to handlers';

/** Process and signal syscalls declared but not implemented yet: they answer ENOSYS. */
export function plannedProcSyscalls(): SyscallEntry[] {
  return [
    ...['restart_syscall', 'pidfd_send_signal']
      .map((n) => unimplemented(n, SIGNALS)),
    unimplemented('set_robust_list', 'robust futexes are not implemented; musl works without them'),
    unimplemented('get_robust_list', 'robust futexes are not implemented'),
    unimplemented('ptrace', 'no debugger support'),
    unimplemented('unshare', 'no namespaces'),
    unimplemented('setns', 'no namespaces'),
  ];
}
