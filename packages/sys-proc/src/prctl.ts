import { commOf, decodeLossless, E, encodeLossless, partial, PR, PR_SET_MM, type SyscallEntry, TASK_COMM_LEN } from '@kandelo/kernel-core';

/** The PR_SET_MM sub-options root may use (they change nothing here). */
const MM_ARGS = new Set<number>(Object.values(PR_SET_MM));

/**
 * prctl: the dumpable flag (timeout(1) clears it before re-raising a child's fatal signal; there
 * are no core dumps, the flag is only kept), the thread's name, and PR_SET_MM for the argument
 * area (coreutils' multi-call binary moves the start of its command line): root may, and it
 * changes nothing, /proc/<pid>/cmdline stays as execve gave it. Other options are EINVAL, as
 * Linux answers options it does not know.
 */
export function prctlSyscalls(): SyscallEntry[] {
  return [
    partial('prctl', (t, option, arg2) => {
      const p = t.process;
      switch (option) {
        case PR.GET_DUMPABLE: return p.dumpable;
        case PR.SET_DUMPABLE:
          if (arg2 !== 0 && arg2 !== 1) throw E.EINVAL;
          p.dumpable = arg2;
          return 0;
        case PR.SET_NAME: {
          // Linux copies 16 bytes and cuts the name at 15.
          const b = p.memory.bytes(arg2, TASK_COMM_LEN);
          const end = b.indexOf(0);
          t.comm = decodeLossless(b.slice(0, end < 0 || end >= TASK_COMM_LEN ? TASK_COMM_LEN - 1 : end));
          return 0;
        }
        case PR.GET_NAME: {
          const name = encodeLossless(commOf(p, t));
          const out = p.memory.bytes(arg2, TASK_COMM_LEN);
          out.fill(0);
          out.set(name);
          return 0;
        }
        case PR.SET_MM:
          if (p.creds.euid !== 0) throw E.EPERM; // CAP_SYS_RESOURCE
          if (!MM_ARGS.has(arg2)) throw E.EINVAL;
          return 0;
        default: throw E.EINVAL;
      }
    }, 'PR_SET/GET_DUMPABLE (kept; no core dumps), PR_SET/GET_NAME (the name of the main thread shows in /proc/<pid>/comm, stat and status), PR_SET_MM_ARG_*/ENV_* (root only, changes nothing); others EINVAL'),
  ];
}
