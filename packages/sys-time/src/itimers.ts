import {
  E, full, type HostClock, type Kernel, partial, type Process, SI, SIGNALS, type SyscallEntry, type Thread,
} from '@kandelo/kernel-core';

const ITIMER = { REAL: 0, VIRTUAL: 1, PROF: 2 } as const;
const SIGNAL_OF = [SIGNALS.SIGALRM, SIGNALS.SIGVTALRM, SIGNALS.SIGPROF];

interface IntervalTimer {
  handle: ReturnType<typeof setTimeout>;
  /** Monotonic deadline and interval, in ms. */
  deadline: number;
  interval: number;
}

/**
 * setitimer/getitimer (and alarm, which musl builds on them). ITIMER_REAL counts wall time; the
 * VIRTUAL and PROF timers are approximated by wall time too (a worker's CPU time is not metered
 * per process yet). Values travel as musl passes them on a 32-bit long ABI: long[4] = interval
 * sec, usec, value sec, usec.
 */
export function itimerSyscalls(kernel: Kernel, clock: HostClock): SyscallEntry[] {
  const timers = new WeakMap<Process, (IntervalTimer | undefined)[]>();
  const nowMs = () => Number(clock.monotonicNs()) / 1e6;
  const of = (p: Process) => {
    let l = timers.get(p);
    if (!l) {
      l = [];
      timers.set(p, l);
      p.onExit(() => l!.forEach((tm) => tm && clearTimeout(tm.handle)));
    }
    return l;
  };
  const write = (t: Thread, ptr: number, tm: IntervalTimer | undefined) => {
    const m = t.process.memory;
    const left = tm ? Math.max(0, tm.deadline - nowMs()) : 0;
    const iv = tm ? tm.interval : 0;
    // A running timer never reads as 0 (that means disarmed): round the remainder up to 1 us.
    const leftUs = tm ? Math.max(1, Math.ceil(left * 1000)) : 0;
    m.setI32(ptr, Math.floor(iv / 1000));
    m.setI32(ptr + 4, Math.round((iv % 1000) * 1000));
    m.setI32(ptr + 8, Math.floor(leftUs / 1e6));
    m.setI32(ptr + 12, leftUs % 1e6);
  };
  const arm = (p: Process, which: number, valueMs: number, intervalMs: number) => {
    const l = of(p);
    const old = l[which];
    if (old) clearTimeout(old.handle);
    l[which] = undefined;
    if (valueMs <= 0) return;
    const fire = () => {
      const tm = l[which];
      if (!tm || p.zombie) return;
      // Host timers are millisecond-granular and may fire early: wait out the remainder.
      const early = tm.deadline - nowMs();
      if (early > 0) {
        tm.handle = setTimeout(fire, Math.ceil(early));
        return;
      }
      kernel.signal(p, SIGNAL_OF[which]!, undefined, { code: SI.KERNEL, pid: 0, uid: 0, status: 0 });
      if (tm.interval > 0) {
        tm.deadline += tm.interval;
        tm.handle = setTimeout(fire, Math.max(0, Math.ceil(tm.deadline - nowMs())));
      } else {
        l[which] = undefined;
      }
    };
    l[which] = { handle: setTimeout(fire, Math.ceil(valueMs)), deadline: nowMs() + valueMs, interval: intervalMs };
  };
  const checkWhich = (which: number) => {
    if (which !== ITIMER.REAL && which !== ITIMER.VIRTUAL && which !== ITIMER.PROF) throw E.EINVAL;
  };
  return [
    partial('setitimer', (t, which, newp, oldp) => {
      checkWhich(which);
      const m = t.process.memory;
      const [is, ius, vs, vus] = [m.i32at(newp), m.i32at(newp + 4), m.i32at(newp + 8), m.i32at(newp + 12)];
      if (is < 0 || vs < 0 || ius < 0 || ius >= 1e6 || vus < 0 || vus >= 1e6) throw E.EINVAL;
      if (oldp) write(t, oldp, of(t.process)[which]);
      arm(t.process, which, vs * 1000 + vus / 1000, is * 1000 + ius / 1000);
      return 0;
    }, 'ITIMER_VIRTUAL and ITIMER_PROF count wall time, not CPU time'),
    full('getitimer', (t, which, currp) => {
      checkWhich(which);
      write(t, currp, of(t.process)[which]);
      return 0;
    }),
  ];
}
