import { type SyscallEntry, full } from '@kandelo/kernel-core';

/** Process and thread ids, credentials. */
export function idSyscalls(): SyscallEntry[] {
  return [
    full('getpid', (t) => t.process.pid),
    full('getppid', (t) => t.process.ppid),
    full('gettid', (t) => t.tid),
    full('set_tid_address', (t, ptr) => {
      t.clearChildTid = ptr >>> 0;
      return t.tid;
    }),
    full('getuid', (t) => t.process.creds.uid),
    full('geteuid', (t) => t.process.creds.euid),
    full('getgid', (t) => t.process.creds.gid),
    full('getegid', (t) => t.process.creds.egid),
  ];
}
