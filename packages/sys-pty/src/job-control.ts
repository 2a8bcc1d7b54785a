import {
  E, interruptedResult, isOrphanedGroup, type Kernel, NO_REPLY, SIG_IGN, SIGNALS, type Thread,
} from '@kandelo/kernel-core';
import type { Pty } from './pty.js';

/** What a terminal operation from a background process group does. */
export type JobCheck =
  /** Go on (foreground, not this terminal's session, or the signal is ignored/blocked for a write). */
  | { readonly go: true }
  /** Answer the call with this result now (a restart or EINTR for a caught signal, or PARK). */
  | { readonly go: false; readonly result: number };

const GO: JobCheck = { go: true };

/**
 * Linux's tty job control (__tty_check_change, n_tty's job_control): a process of a background
 * group of the terminal's session that reads (SIGTTIN), or writes with TOSTOP or changes the
 * terminal (SIGTTOU), signals its whole group. A stopped caller's call runs again once it is
 * continued; a caught signal interrupts the call (restarted under SA_RESTART). An ignored or
 * blocked signal, or an orphaned group, means EIO for a read and leave to go on for the rest.
 */
export function jobControl(kernel: Kernel, pty: Pty, t: Thread, sig: typeof SIGNALS.SIGTTIN | typeof SIGNALS.SIGTTOU): JobCheck {
  const p = t.process;
  if (p.ctty !== pty || !pty.pgrp || p.pgid === pty.pgrp) return GO;
  const bit = 1n << BigInt(sig - 1);
  const refused = p.signals.actions[sig]!.handler === SIG_IGN || (t.sigmask & bit) !== 0n;
  if (refused) {
    if (sig === SIGNALS.SIGTTIN) throw E.EIO;
    return GO;
  }
  if (isOrphanedGroup(kernel.processes, p.pgid)) throw E.EIO;
  kernel.signalGroup(p.pgid, sig);
  if (p.zombie) return { go: false, result: NO_REPLY };
  if (p.stopSignal) {
    // Stopped: the call is answered after SIGCONT by running it again (the channel server holds
    // a stopped process's runnable threads until then).
    const r = t.park();
    t.wake();
    return { go: false, result: r };
  }
  return { go: false, result: interruptedResult(t, sig, E.EINTR.code) };
}
