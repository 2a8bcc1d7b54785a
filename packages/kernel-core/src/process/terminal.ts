import type { FileOps } from '../fd/open-file.js';
import type { Process } from './process.js';

/**
 * A terminal that can be a session's controlling terminal (sys-pty implements it). The kernel
 * core only needs what process life cycle events touch: /dev/tty reopening it, and the session
 * leader's exit releasing it.
 */
export interface ControllingTerminal {
  /** The session it controls (0: none). */
  readonly sid: number;
  /** Its foreground process group (0: none). */
  readonly pgrp: number;
  /** Opens it anew, as open("/dev/tty") does: ops and per-description state. */
  reopen(flags: number): { ops: FileOps; state?: unknown };
  /**
   * Its session's leader exits (Linux's disassociate_ctty): the foreground group gets SIGHUP and
   * no process of the session keeps the terminal.
   */
  leaderExited(leader: Process): void;
}
