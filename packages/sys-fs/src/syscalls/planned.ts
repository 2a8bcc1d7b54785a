import { type SyscallEntry, unimplemented } from '@kandelo/kernel-core';

/** File syscalls declared but not implemented yet: they answer ENOSYS through the router. */
export function plannedFsSyscalls(): SyscallEntry[] {
  return [
    unimplemented('vmsplice', 'pages cannot be given to a pipe: process memory is not shared with the kernel by page'),
    ...['setxattr', 'lsetxattr', 'fsetxattr', 'getxattr', 'lgetxattr', 'fgetxattr', 'listxattr', 'llistxattr',
      'flistxattr', 'removexattr', 'lremovexattr', 'fremovexattr'].map((n) => unimplemented(n, 'no filesystem stores extended attributes yet')),
    ...['name_to_handle_at', 'open_by_handle_at', 'openat2', 'pivot_root', 'quotactl', 'open_tree', 'move_mount', 'fsopen',
      'fsconfig', 'fsmount', 'fspick', 'mount_setattr']
      .map((n) => unimplemented(n, 'not implemented: musl does not use it; open/mount cover the same ground')),
    ...['inotify_init1', 'inotify_add_watch', 'inotify_rm_watch', 'fanotify_init', 'fanotify_mark']
      .map((n) => unimplemented(n, 'file change notification is not planned yet')),
    ...['epoll_create1', 'epoll_ctl', 'epoll_pwait', 'epoll_pwait2', 'eventfd2']
      .map((n) => unimplemented(n, 'arrives with sys-net (epoll, eventfd)')),
  ];
}
