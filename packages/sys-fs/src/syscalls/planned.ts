import { type SyscallEntry, unimplemented } from '@kandelo/kernel-core';

const FS_ISSUE = 'arrives with the full VFS (filesystem issue)';

/** File syscalls declared but not implemented yet: they answer ENOSYS through the router. */
export function plannedFsSyscalls(): SyscallEntry[] {
  return [
    ...['truncate64', 'ftruncate64', 'fallocate', 'fsync', 'fdatasync', 'sync', 'syncfs', 'sendfile64', 'splice',
      'tee', 'copy_file_range', 'faccessat2', 'fchmod', 'fchmodat', 'fchown', 'fchownat', 'utimensat_time64',
      'mknodat', 'renameat2', 'linkat', 'symlinkat', 'statfs64', 'fstatfs64', 'flock', 'ppoll_time64',
      'pselect6_time64', 'mount', 'umount2', 'chroot', 'readahead', 'fadvise64_64'].map((n) => unimplemented(n, FS_ISSUE)),
    ...['inotify_init1', 'inotify_add_watch', 'inotify_rm_watch', 'fanotify_init', 'fanotify_mark']
      .map((n) => unimplemented(n, 'file change notification is not planned yet')),
    ...['epoll_create1', 'epoll_ctl', 'epoll_pwait', 'epoll_pwait2', 'eventfd2']
      .map((n) => unimplemented(n, 'arrives with sys-net (epoll, eventfd)')),
  ];
}
