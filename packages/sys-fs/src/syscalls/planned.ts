import { type SyscallEntry, unimplemented } from '@kandelo/kernel-core';

/** File syscalls declared but not implemented yet: they answer ENOSYS through the router. */
export function plannedFsSyscalls(): SyscallEntry[] {
  return [
    unimplemented('tee', 'duplicating pipe contents without consuming them is not implemented yet'),
    ...['inotify_init1', 'inotify_add_watch', 'inotify_rm_watch', 'fanotify_init', 'fanotify_mark']
      .map((n) => unimplemented(n, 'file change notification is not planned yet')),
    ...['epoll_create1', 'epoll_ctl', 'epoll_pwait', 'epoll_pwait2', 'eventfd2']
      .map((n) => unimplemented(n, 'arrives with sys-net (epoll, eventfd)')),
  ];
}
