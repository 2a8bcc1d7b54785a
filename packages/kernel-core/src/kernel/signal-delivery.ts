import { CHANNEL, ERESTART } from '../abi/channel-layout.js';
import { SA, SIG_IGN } from '../abi/constants.js';
import { SIGINFO } from '../abi/struct-layouts.js';
import { syscallNumber } from '../abi/syscalls.js';
import type { ProcessMemory } from '../process/process-memory.js';
import type { SigInfo } from '../process/signal-state.js';
import { sigbit, signalsIn, UNBLOCKABLE } from '../process/signal-state.js';
import type { Thread } from '../process/thread.js';

/** Writes a siginfo_t (zeroed, then the fields the kernel fills). */
export function writeSiginfo(m: ProcessMemory, ptr: number, signo: number, info: SigInfo): void {
  m.bytes(ptr, SIGINFO.size).fill(0);
  m.setI32(ptr + SIGINFO.si_signo, signo);
  m.setI32(ptr + SIGINFO.si_code, info.code);
  m.setI32(ptr + SIGINFO.si_pid, info.pid);
  m.setI32(ptr + SIGINFO.si_uid, info.uid);
  m.setI32(ptr + SIGINFO.si_status, info.status);
}

/**
 * Asks a thread that is running (not parked in a call) to enter the kernel: its CHANNEL.ATTENTION
 * and its process's attention word are set; every loop the SDK instrumented reads the word, and
 * the glue then makes a kandelo_poll call for the thread whose channel says so. That call's
 * completion runs the handler (or a stop holds it). A thread in a call needs nothing: its
 * completion delivers anyway.
 */
export function requestAttention(t: Thread): void {
  if (t.exited || t.parked) return;
  const p = t.process;
  const i32 = p.memory.i32;
  Atomics.store(i32, (t.channel + CHANNEL.ATTENTION) >> 2, 1);
  if (p.attention) Atomics.store(i32, p.attention >> 2, 1);
}

/**
 * With each completion: the thread's request is met, and the process's word is cleared once no
 * thread has one left (also when it was stale: copied by fork, or written by a stray pointer).
 */
export function settleAttention(t: Thread): void {
  const p = t.process;
  const i32 = p.memory.i32;
  i32[(t.channel + CHANNEL.ATTENTION) >> 2] = 0;
  if (p.attention === 0 || i32[p.attention >> 2] === 0) return;
  for (const o of p.threads.values()) if (!o.exited && i32[(o.channel + CHANNEL.ATTENTION) >> 2]) return;
  i32[p.attention >> 2] = 0;
}

/** Calls Linux restarts after a handler with SA_RESTART (others fail with EINTR). */
const RESTARTABLE = new Set(
  ['read', 'readv', 'write', 'writev', 'pread64', 'pwrite64', 'preadv', 'pwritev', 'wait4', 'waitid', 'openat',
    'futex_time64', 'getrandom', 'fcntl64', 'flock'].map((n) => syscallNumber(n)!),
);

/**
 * Dequeues one instance of pending signal `sig` for thread `t` (its own pending set first) and
 * returns its siginfo; the pending bit stays while real-time instances remain queued.
 */
export function takeSignal(t: Thread, sig: number): SigInfo {
  const p = t.process;
  const bit = sigbit(sig);
  const { info, more } = p.signals.take(sig);
  if (!more) {
    if (t.pendingSignals & bit) t.pendingSignals &= ~bit;
    else p.signals.pending &= ~bit;
  }
  return info;
}

/**
 * Whether thread `t` runs on its alternate signal stack: the stack pointer its glue reported with
 * the current call lies inside it (Linux's on_sig_stack: sp in (ss_sp, ss_sp + ss_size]).
 */
export function onAltStack(t: Thread): boolean {
  const alt = t.altStack;
  if (!alt) return false;
  const sp = t.process.memory.u32(t.channel + CHANNEL.CALL_SP);
  return sp > alt.sp && sp - alt.sp <= alt.size;
}

/**
 * Where a handler with flags `flags` runs: the 16-aligned top of the alternate stack when the
 * action has SA_ONSTACK and the thread has one it is not already running on, else 0 (in place).
 */
export function handlerStack(t: Thread, flags: number): number {
  const alt = t.altStack;
  if (!(flags & SA.ONSTACK) || !alt || onAltStack(t)) return 0;
  const top = alt.sp + alt.size;
  return top - (top % 16);
}

/** The lowest pending signal `t` may take now whose action is a handler, or 0. */
export function nextCaught(t: Thread): number {
  const p = t.process;
  for (const sig of signalsIn((t.pendingSignals | p.signals.pending) & ~t.sigmask)) {
    if (p.signals.actions[sig]!.handler > SIG_IGN) return sig;
  }
  return 0;
}

/**
 * Attaches a handler run to a completion about to be published: the channel gets the signal, the
 * handler, its flags, the mask to restore, the stack to run it on (SA_ONSTACK) and the siginfo; the thread's mask then also blocks
 * sa_mask and (without SA_NODEFER) the signal itself. One signal per completion: the glue's
 * rt_sigreturn completion carries the next.
 */
export function attachDelivery(t: Thread): void {
  // A returning rt_sigsuspend restores the caller's mask, after the handler when there is one.
  const restore = t.suspendMask;
  t.suspendMask = undefined;
  const sig = t.exited || (t.pendingSignals === 0n && t.process.signals.pending === 0n) ? 0 : nextCaught(t);
  if (!sig) {
    if (restore !== undefined) t.sigmask = restore;
    return;
  }
  const p = t.process;
  const bit = sigbit(sig);
  const info = takeSignal(t, sig);
  const act = p.signals.actions[sig]!;
  const m = p.memory;
  const ch = t.channel;
  m.setI32(ch + CHANNEL.SIG_HANDLER, act.handler);
  m.setU32(ch + CHANNEL.SIG_FLAGS, act.flags);
  m.setI64(ch + CHANNEL.SIG_OLDMASK, restore ?? t.sigmask);
  m.setU32(ch + CHANNEL.SIG_STACK, handlerStack(t, act.flags));
  writeSiginfo(m, ch + CHANNEL.SIGINFO, sig, info);
  m.setI32(ch + CHANNEL.SIGNAL, sig);
  t.sigmask = (t.sigmask | act.mask | (act.flags & SA.NODEFER ? 0n : bit)) & ~UNBLOCKABLE;
  if (act.flags & SA.RESETHAND) {
    act.handler = 0;
    act.flags &= ~SA.SIGINFO;
  }
}

/**
 * What a parked call completes with when a signal with a handler interrupts it: the bytes it
 * already moved (a large pipe write), -ERESTART when the action has SA_RESTART and Linux restarts
 * the call (the glue makes it again after the handler), else -EINTR.
 */
export function interruptedResult(t: Thread, sig: number, eintr: number): number {
  if (typeof t.progress === 'number' && t.progress > 0) return t.progress;
  const act = t.process.signals.actions[sig]!;
  return act.flags & SA.RESTART && RESTARTABLE.has(t.nr) ? -ERESTART : -eintr;
}
