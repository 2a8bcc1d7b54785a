import { SIG_DFL, SIG_IGN } from '../abi/constants.js';
import type { Process } from '../process/process.js';
import { signalStatus } from '../process/process.js';
import { type DefaultAction, defaultAction, sigbit, signalsIn, UNBLOCKABLE } from '../process/signal-state.js';
import type { Thread } from '../process/thread.js';

/**
 * What sending a signal does: nothing (ignored), pending (blocked everywhere), caught (pending, and
 * `thread` should be interrupted if it is parked so its handler runs), or a death by default action.
 * Job-control stops arrive with the signals subsystem.
 */
export type SignalOutcome =
  | { kind: 'none' }
  | { kind: 'pending' }
  | { kind: 'caught'; thread: Thread | undefined }
  | { kind: 'stop' }
  | { kind: 'kill'; status: number };

/** Decides the effect of `sig` on `p` (optionally directed at thread `target`) and records it pending. */
export function signalOutcome(p: Process, sig: number, target?: Thread): SignalOutcome {
  if (p.zombie || sig === 0) return { kind: 'none' };
  const act = p.signals.actions[sig]!;
  const bit = sigbit(sig);
  const dfl = defaultAction(sig);
  if (!(bit & UNBLOCKABLE)) {
    const threads = target ? [target] : [...p.threads.values()];
    const taker = threads.find((t) => !(t.sigmask & bit));
    // As Linux's sig_ignored: a blocked signal is never ignored (it stays pending, for sigwait,
    // signalfd or a handler installed before it is unblocked); unblocked, an ignored one is dropped.
    if (taker && ignored(act.handler, dfl)) return { kind: 'none' };
    if (act.handler > SIG_IGN || !taker) {
      if (target) target.pendingSignals |= bit;
      else p.signals.pending |= bit;
      return act.handler > SIG_IGN && taker ? { kind: 'caught', thread: taker } : { kind: 'pending' };
    }
  }
  if (dfl === 'stop') return { kind: 'stop' };
  return { kind: 'kill', status: signalStatus(sig, dfl === 'core') };
}

/** Whether a disposition discards its signal: SIG_IGN, or SIG_DFL where the default is to ignore. */
export function ignored(handler: number, dfl: DefaultAction): boolean {
  return handler === SIG_IGN || (handler === SIG_DFL && (dfl === 'ign' || dfl === 'cont'));
}

/**
 * Drops every pending instance of `sig` in `p` and its threads: its action became "ignore" (Linux
 * flushes them in sigaction, blocked or not).
 */
export function discardPending(p: Process, sig: number): void {
  const bit = sigbit(sig);
  p.signals.pending &= ~bit;
  for (const t of p.threads.values()) t.pendingSignals &= ~bit;
  p.signals.discard(sig);
}

/** Pending signals the thread's mask no longer blocks and whose action is now a default one. */
export function unblockedDefaultSignals(t: Thread): number[] {
  const p = t.process;
  const out: number[] = [];
  for (const sig of signalsIn((p.signals.pending | t.pendingSignals) & ~t.sigmask)) {
    const bit = sigbit(sig);
    if (p.signals.actions[sig]!.handler > SIG_IGN) continue;
    p.signals.pending &= ~bit;
    t.pendingSignals &= ~bit;
    p.signals.discard(sig);
    out.push(sig);
  }
  return out;
}
