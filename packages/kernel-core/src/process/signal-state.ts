import { NSIG, SIG_DFL, SIGNALS } from '../abi/constants.js';
import { WaitQueue } from '../wait/wait-queue.js';

export interface SigAction {
  handler: number;
  flags: number;
  mask: bigint;
  restorer: number;
}

export type DefaultAction = 'term' | 'core' | 'ign' | 'stop' | 'cont';

const S = SIGNALS;
const DEFAULT: Record<number, DefaultAction> = {
  [S.SIGCHLD]: 'ign', [S.SIGURG]: 'ign', [S.SIGWINCH]: 'ign', [S.SIGCONT]: 'cont',
  [S.SIGSTOP]: 'stop', [S.SIGTSTP]: 'stop', [S.SIGTTIN]: 'stop', [S.SIGTTOU]: 'stop',
  [S.SIGQUIT]: 'core', [S.SIGILL]: 'core', [S.SIGTRAP]: 'core', [S.SIGABRT]: 'core', [S.SIGBUS]: 'core',
  [S.SIGFPE]: 'core', [S.SIGSEGV]: 'core', [S.SIGXCPU]: 'core', [S.SIGXFSZ]: 'core', [S.SIGSYS]: 'core',
};

/** Linux's default action for a signal (real-time signals terminate). */
export function defaultAction(sig: number): DefaultAction {
  return DEFAULT[sig] ?? 'term';
}

const BITS: bigint[] = Array.from({ length: 65 }, (_, sig) => (sig === 0 ? 0n : 1n << BigInt(sig - 1)));
/** The mask bit of signal `sig` (precomputed: BigInt arithmetic is slow on this path). */
export const sigbit = (sig: number): bigint => BITS[sig]!;

/**
 * The signals in `mask`, lowest first. Walks set bits through two 32-bit halves instead of
 * testing all 64 signals with BigInt operations (tens of microseconds per call otherwise).
 */
export function signalsIn(mask: bigint): number[] {
  const out: number[] = [];
  if (mask === 0n) return out;
  let lo = Number(mask & 0xffffffffn);
  let hi = Number((mask >> 32n) & 0xffffffffn);
  while (lo) {
    const b = 31 - Math.clz32(lo & -lo);
    out.push(b + 1);
    lo &= lo - 1;
  }
  while (hi) {
    const b = 31 - Math.clz32(hi & -hi);
    out.push(b + 33);
    hi &= hi - 1;
  }
  return out;
}

/** Signals that can be neither caught, blocked nor ignored. */
export const UNBLOCKABLE = sigbit(S.SIGKILL) | sigbit(S.SIGSTOP);

/**
 * Process-wide signal state: dispositions and the process-directed pending set. Per-thread masks
 * live on Thread. Delivery to handlers arrives with the signals issue; until then the kernel
 * applies default actions and keeps caught signals pending.
 */
/** What a handler's siginfo_t says about a signal. */
export interface SigInfo {
  code: number;
  pid: number;
  uid: number;
  /** si_status (SIGCHLD) or si_value (sigqueue). */
  status: number;
}

export class SignalState {
  readonly actions: SigAction[] = Array.from({ length: NSIG }, () => ({ handler: SIG_DFL, flags: 0, mask: 0n, restorer: 0 }));
  pending = 0n;
  /**
   * Woken whenever a signal becomes pending for the process or one of its threads: signalfd
   * readers and pollers park here (Linux's sighand->signalfd_wqh).
   */
  readonly pendingWait = new WaitQueue();
  /**
   * Siginfo of pending signals: standard signals coalesce (one entry, the last sent); real-time
   * signals (32 and up) queue every instance in order, with its value.
   */
  private readonly queued = new Map<number, SigInfo[]>();

  /** Number of queued real-time signal instances (bounded by RLIMIT_SIGPENDING). */
  get queuedRealtime(): number {
    let n = 0;
    for (const [sig, q] of this.queued) if (sig >= 32) n += q.length;
    return n;
  }

  record(sig: number, info: SigInfo): void {
    const q = this.queued.get(sig);
    if (sig >= 32 && q) q.push(info);
    else this.queued.set(sig, [info]);
  }

  /** The siginfo of the next instance of `sig`, and whether more instances remain queued. */
  take(sig: number): { info: SigInfo; more: boolean } {
    const q = this.queued.get(sig);
    const info = q?.shift() ?? { code: 0, pid: 0, uid: 0, status: 0 };
    const more = (q?.length ?? 0) > 0;
    if (!more) this.queued.delete(sig);
    return { info, more };
  }

  /** Forgets every queued instance of `sig` (its action became "ignore"). */
  discard(sig: number): void {
    this.queued.delete(sig);
  }

  clone(): SignalState {
    const s = new SignalState();
    this.actions.forEach((a, i) => (s.actions[i] = { ...a }));
    return s;
  }
}
