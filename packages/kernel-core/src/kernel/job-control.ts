import { SIGNALS } from '../abi/constants.js';
import type { Process } from '../process/process.js';
import type { ProcessTable } from '../process/process-table.js';

/** The live members of process group `pgid`. */
export function groupMembers(processes: ProcessTable, pgid: number): Process[] {
  const out: Process[] = [];
  for (const q of processes.all()) if (q.pgid === pgid && !q.zombie) out.push(q);
  return out;
}

/**
 * POSIX's orphaned process group: no member has a parent in another group of the same session
 * (so no shell is left to continue a stopped job). `gone` is a process to count as exited.
 */
export function isOrphanedGroup(processes: ProcessTable, pgid: number, gone?: Process): boolean {
  for (const q of groupMembers(processes, pgid)) {
    if (q === gone) continue;
    const parent = processes.get(q.ppid);
    if (parent && parent !== gone && !parent.zombie && parent.pgid !== pgid && parent.sid === q.sid) return false;
  }
  return true;
}

/** Job-control stops a terminal sends (Linux discards them for an orphaned group). */
export const TTY_STOPS = new Set<number>([SIGNALS.SIGTSTP, SIGNALS.SIGTTIN, SIGNALS.SIGTTOU]);

/**
 * The groups `p`'s exit may orphan: its own, and each child's. Collected before the exit takes
 * effect, with whether each was orphaned already (only newly orphaned groups are told).
 */
export function groupsAtRisk(processes: ProcessTable, p: Process): Map<number, boolean> {
  const groups = new Map<number, boolean>();
  for (const pgid of [p.pgid, ...[...p.children].map((c) => c.pgid)]) {
    if (!groups.has(pgid)) groups.set(pgid, isOrphanedGroup(processes, pgid));
  }
  return groups;
}

/**
 * After `p` exited: each group it newly orphaned that has a stopped member gets SIGHUP then
 * SIGCONT, as POSIX requires (nobody is left to continue it).
 */
export function hangUpOrphanedGroups(
  processes: ProcessTable,
  before: Map<number, boolean>,
  signal: (q: Process, sig: number) => void,
): void {
  for (const [pgid, wasOrphaned] of before) {
    if (wasOrphaned || !isOrphanedGroup(processes, pgid)) continue;
    const members = groupMembers(processes, pgid);
    if (!members.some((q) => q.stopSignal)) continue;
    for (const q of members) signal(q, SIGNALS.SIGHUP);
    for (const q of members) signal(q, SIGNALS.SIGCONT);
  }
}
