import { SIG_DFL } from '../abi/constants.js';
import type { Process } from './process.js';

/**
 * What a child created by fork or posix_spawn inherits from its parent: ids, groups, cwd, umask,
 * credentials, descriptors (sharing open file descriptions), signal dispositions, limits.
 * Memory and the image are the caller's business.
 */
export function inheritProcessState(child: Process, parent: Process): void {
  child.ppid = parent.pid;
  child.pgid = parent.pgid;
  child.sid = parent.sid;
  child.cwd = parent.cwd;
  child.root = parent.root;
  child.cwdNode = parent.cwdNode;
  child.umask = parent.umask;
  child.nice = parent.nice;
  child.dumpable = parent.dumpable;
  child.ctty = parent.ctty;
  child.creds = { ...parent.creds, groups: [...parent.creds.groups] };
  child.fds.closeAll();
  child.fds = parent.fds.clone();
  child.signals = parent.signals.clone();
  child.rlimits = parent.rlimits.map(([s, h]) => [s, h]);
  child.trace = parent.trace;
  child.exe = parent.exe;
  child.argv = parent.argv;
  child.envp = parent.envp;
  parent.children.add(child);
}

/** At exec: handlers go back to their default (ignored signals stay ignored), CLOEXEC fds close. */
export function resetForExec(p: Process): void {
  for (const a of p.signals.actions) {
    if (a.handler !== SIG_DFL && a.handler !== 1) {
      a.handler = SIG_DFL;
      a.flags = 0;
      a.mask = 0n;
    }
  }
  p.fds.closeOnExec();
  p.dumpable = 1; // Linux sets it again at exec (no set-id images here)
  p.execed = true;
}
