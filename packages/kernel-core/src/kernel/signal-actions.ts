import { SIG_IGN } from '../abi/constants.js';
import type { Process } from '../process/process.js';
import { signalStatus } from '../process/process.js';
import { defaultAction, sigbit, signalsIn, UNBLOCKABLE } from '../process/signal-state.js';
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
    if (act.handler === SIG_IGN || (act.handler === 0 && (dfl === 'ign' || dfl === 'cont'))) return { kind: 'none' };
    const threads = target ? [target] : [...p.threads.values()];
    const taker = threads.find((t) => !(t.sigmask & bit));
    if (act.handler > SIG_IGN || !taker) {
      if (target) target.pendingSignals |= bit;
      else p.signals.pending |= bit;
      return act.handler > SIG_IGN && taker ? { kind: 'caught', thread: taker } : { kind: 'pending' };
    }
  }
  if (dfl === 'stop') return { kind: 'stop' };
  return { kind: 'kill', status: signalStatus(sig, dfl === 'core') };
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
    out.push(sig);
  }
  return out;
}
