import { describe, expect, it } from 'vitest';
import { SIGNALS } from '../abi/constants.js';
import { ProcessTable } from '../process/process-table.js';
import type { Process } from '../process/process.js';
import { groupsAtRisk, hangUpOrphanedGroups, isOrphanedGroup } from './job-control.js';

/** init (1) -> shell (2, its own session) -> job (3, group 3) with a child (4, group 3). */
function session() {
  const table = new ProcessTable();
  const init = table.create(0n);
  const shell = table.create(0n);
  const job = table.create(0n);
  const child = table.create(0n);
  shell.ppid = init.pid;
  job.ppid = shell.pid;
  child.ppid = job.pid;
  job.sid = child.sid = shell.sid = shell.pid;
  job.pgid = child.pgid = job.pid;
  shell.children.add(job);
  job.children.add(child);
  return { table, init, shell, job, child };
}

describe('orphaned process groups', () => {
  it('a group is orphaned once no member has a parent in another group of the session', () => {
    const { table, shell, job } = session();
    expect(isOrphanedGroup(table, job.pgid)).toBe(false); // the shell holds it
    expect(isOrphanedGroup(table, job.pgid, shell)).toBe(true);
    expect(isOrphanedGroup(table, shell.pgid)).toBe(true); // init is in another session
  });

  it('the exit of the parent sends SIGHUP then SIGCONT to a newly orphaned group with a stopped member', () => {
    const { table, shell, job, child, init } = session();
    child.stopSignal = SIGNALS.SIGTSTP;
    const before = groupsAtRisk(table, shell);
    shell.markExited(0);
    job.ppid = init.pid; // re-parented
    const sent: [number, number][] = [];
    hangUpOrphanedGroups(table, before, (q: Process, sig) => sent.push([q.pid, sig]));
    expect(sent).toEqual([[job.pid, SIGNALS.SIGHUP], [child.pid, SIGNALS.SIGHUP], [job.pid, SIGNALS.SIGCONT], [child.pid, SIGNALS.SIGCONT]]);
  });

  it('nothing is sent when no member is stopped, or when the group was orphaned already', () => {
    const { table, shell, job, init } = session();
    const before = groupsAtRisk(table, shell);
    shell.markExited(0);
    job.ppid = init.pid;
    const sent: number[] = [];
    hangUpOrphanedGroups(table, before, (_q, sig) => sent.push(sig));
    expect(sent).toEqual([]);
    job.stopSignal = SIGNALS.SIGSTOP;
    hangUpOrphanedGroups(table, groupsAtRisk(table, job), (_q, sig) => sent.push(sig));
    expect(sent).toEqual([]);
  });
});
