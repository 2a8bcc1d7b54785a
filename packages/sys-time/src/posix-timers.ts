import {
  CLOCK, E, full, type HostClock, type Kernel, partial, type Process, SI, SIGNALS, type SyscallEntry, type Thread,
} from '@kandelo/kernel-core';
import { readItimerspec, writeItimerspec } from './itimerspec.js';

const SIGEV = { SIGNAL: 0, NONE: 1, THREAD: 2, THREAD_ID: 4 } as const;
const TIMER_ABSTIME = 1;

interface PosixTimer {
  clock: number;
  notify: number;
  signo: number;
  value: number;
  tid: number;
  handle: ReturnType<typeof setTimeout> | undefined;
  /** Deadline on the timer's clock and period, in ns (0n: disarmed / one-shot). */
  deadline: bigint;
  interval: bigint;
  overrun: number;
}

/**
 * POSIX timers: timer_create/settime/gettime/getoverrun/delete with SIGEV_SIGNAL, SIGEV_NONE and
 * SIGEV_THREAD_ID (musl builds SIGEV_THREAD on the last: a helper thread in sigwaitinfo).
 */
export function posixTimerSyscalls(kernel: Kernel, clock: HostClock): SyscallEntry[] {
  const tables = new WeakMap<Process, (PosixTimer | undefined)[]>();
  const now = (c: number) => (c === CLOCK.REALTIME ? clock.realtimeNs() : clock.monotonicNs());
  const table = (p: Process) => {
    let l = tables.get(p);
    if (!l) {
      l = [];
      tables.set(p, l);
      p.onExit(() => l!.forEach((tm) => tm?.handle && clearTimeout(tm.handle)));
    }
    return l;
  };
  const get = (t: Thread, id: number): PosixTimer => {
    const tm = id >= 0 ? tables.get(t.process)?.[id] : undefined;
    if (!tm) throw E.EINVAL;
    return tm;
  };
  const writeIts = (t: Thread, ptr: number, tm: PosixTimer) =>
    writeItimerspec(t.process.memory, ptr, tm.interval, tm.handle ? tm.deadline - now(tm.clock) : undefined);
  const arm = (p: Process, id: number, tm: PosixTimer) => {
    tm.handle = setTimeout(() => fire(p, id, tm), Math.max(0, Math.ceil(Number(tm.deadline - now(tm.clock)) / 1e6)));
  };
  const fire = (p: Process, id: number, tm: PosixTimer) => {
    if (tables.get(p)?.[id] !== tm || p.zombie) return;
    // Host timers are millisecond-granular and may fire early: wait out the remainder.
    if (tm.deadline > now(tm.clock)) return arm(p, id, tm);
    tm.handle = undefined;
    if (tm.notify !== SIGEV.NONE) {
      const target = tm.notify === SIGEV.THREAD_ID ? p.threads.get(tm.tid) : undefined;
      try {
        kernel.signal(p, tm.signo, target, { code: SI.TIMER, pid: id, uid: tm.overrun, status: tm.value });
        tm.overrun = 0;
      } catch {
        tm.overrun++; // the real-time queue is full: count an overrun instead
      }
    }
    if (tm.interval > 0n) {
      tm.deadline += tm.interval;
      arm(p, id, tm);
    }
  };
  return [
    partial('timer_create', (t, clk, sevp, idp) => {
      if (clk !== CLOCK.REALTIME && clk !== CLOCK.MONOTONIC && clk !== CLOCK.BOOTTIME) throw E.EINVAL;
      const m = t.process.memory;
      const l = table(t.process);
      let id = l.findIndex((x) => !x);
      if (id < 0) id = l.length;
      const tm: PosixTimer = {
        clock: clk, notify: SIGEV.SIGNAL, signo: SIGNALS.SIGALRM, value: id, tid: 0, handle: undefined,
        deadline: 0n, interval: 0n, overrun: 0,
      };
      if (sevp) {
        // struct ksigevent: sigev_value, sigev_signo, sigev_notify, sigev_tid.
        tm.value = m.i32at(sevp);
        tm.signo = m.i32at(sevp + 4);
        tm.notify = m.i32at(sevp + 8);
        tm.tid = m.i32at(sevp + 12);
        if (tm.notify !== SIGEV.SIGNAL && tm.notify !== SIGEV.NONE && tm.notify !== SIGEV.THREAD_ID) throw E.EINVAL;
        if (tm.notify !== SIGEV.NONE && (tm.signo < 1 || tm.signo > 64)) throw E.EINVAL;
        if (tm.notify === SIGEV.THREAD_ID && !t.process.threads.has(tm.tid)) throw E.EINVAL;
      }
      m.setI32(idp, id);
      l[id] = tm;
      return 0;
    }, 'SIGEV_SIGNAL, SIGEV_NONE and SIGEV_THREAD_ID; CPU-time clocks are not accepted'),
    full('timer_settime64', (t, id, flags, newp, oldp) => {
      const tm = get(t, id);
      const { value, interval } = readItimerspec(t.process.memory, newp);
      if (oldp) writeIts(t, oldp, tm);
      if (tm.handle) clearTimeout(tm.handle);
      tm.handle = undefined;
      tm.interval = interval;
      if (value === 0n) return 0;
      tm.deadline = flags & TIMER_ABSTIME ? value : now(tm.clock) + value;
      arm(t.process, id, tm);
      return 0;
    }),
    full('timer_gettime64', (t, id, curp) => {
      writeIts(t, curp, get(t, id));
      return 0;
    }),
    full('timer_getoverrun', (t, id) => get(t, id).overrun),
    full('timer_delete', (t, id) => {
      const tm = get(t, id);
      if (tm.handle) clearTimeout(tm.handle);
      table(t.process)[id] = undefined;
      return 0;
    }),
  ];
}
