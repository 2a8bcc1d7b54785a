import { TASK_COMM_LEN } from '../abi/constants.js';
import type { Process } from './process.js';
import { decodeLossless, encodeLossless } from './process-memory.js';
import type { Thread } from './thread.js';

/**
 * A thread's command name (/proc/<pid>/comm, PR_GET_NAME): what PR_SET_NAME gave it, else the
 * executable's basename, cut to TASK_COMM_LEN - 1 (15) bytes as Linux cuts it. Without a thread,
 * the process's main thread.
 */
export function commOf(p: Process, t: Thread | undefined = p.threads.get(p.pid)): string {
  if (t?.comm !== undefined) return t.comm;
  const path = p.exe || p.argv[0] || '';
  const name = encodeLossless(path.slice(path.lastIndexOf('/') + 1));
  return name.length < TASK_COMM_LEN ? decodeLossless(name) : decodeLossless(name.slice(0, TASK_COMM_LEN - 1));
}
