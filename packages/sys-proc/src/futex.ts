import { E, type Kernel, partial, type SyscallEntry, type Thread } from '@kandelo/kernel-core';

const OP = { WAIT: 0, WAKE: 1, REQUEUE: 3, CMP_REQUEUE: 4, WAKE_OP: 5, WAIT_BITSET: 9, WAKE_BITSET: 10 } as const;
const PRIVATE = 128;
const CLOCK_REALTIME_FLAG = 256;
const BITSET_ANY = -1;

/** How a parked futex wait ended (kept in Thread.progress across the re-run). */
const WOKEN = Symbol('futex woken');
const TIMED_OUT = Symbol('futex timed out');

interface Waiter {
  t: Thread;
  bitset: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Futex wait queues, keyed by memory and address: threads of one process share a Memory; a
 * shared futex across processes (a MAP_SHARED mapping) is not supported yet.
 */
export class FutexTable {
  private readonly queues = new Map<WebAssembly.Memory, Map<number, Waiter[]>>();

  private list(mem: WebAssembly.Memory, addr: number, create: boolean): Waiter[] | undefined {
    let byAddr = this.queues.get(mem);
    if (!byAddr) {
      if (!create) return undefined;
      byAddr = new Map();
      this.queues.set(mem, byAddr);
    }
    let l = byAddr.get(addr);
    if (!l && create) byAddr.set(addr, (l = []));
    return l;
  }

  wait(t: Thread, addr: number, bitset: number, timeoutMs: number | undefined): number {
    const w: Waiter = { t, bitset, timer: undefined };
    const mem = t.process.memory.memory;
    this.list(mem, addr, true)!.push(w);
    if (timeoutMs !== undefined) {
      w.timer = setTimeout(() => this.finish(mem, addr, w, TIMED_OUT), Math.max(0, timeoutMs));
    }
    const r = t.park();
    // Interrupted by a signal: forget the waiter and its timer (they must not end a later call).
    t.parkCleanup = () => this.drop(mem, addr, w);
    return r;
  }

  /** Removes a waiter; false when it was already gone. */
  private drop(mem: WebAssembly.Memory, addr: number, w: Waiter): boolean {
    if (w.timer) clearTimeout(w.timer);
    w.timer = undefined;
    for (const l of this.queues.get(mem)?.values() ?? []) {
      const i = l.indexOf(w);
      if (i >= 0) {
        l.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  private finish(mem: WebAssembly.Memory, addr: number, w: Waiter, how: symbol): void {
    if (!this.drop(mem, addr, w)) return;
    w.t.progress = how;
    w.t.wake();
  }

  /** Wakes up to `n` waiters on `addr` whose bitset intersects `bitset`; returns how many. */
  wake(mem: WebAssembly.Memory, addr: number, n: number, bitset = BITSET_ANY): number {
    const l = this.list(mem, addr, false);
    if (!l) return 0;
    let woken = 0;
    for (const w of [...l]) {
      if (woken >= n) break;
      if (w.t.exited || !(w.bitset & bitset)) continue;
      this.finish(mem, addr, w, WOKEN);
      woken++;
    }
    return woken;
  }

  /** Moves up to `n` waiters from `from` to `to`. */
  requeue(mem: WebAssembly.Memory, from: number, to: number, n: number): number {
    const l = this.list(mem, from, false);
    if (!l || n <= 0) return 0;
    const moved = l.splice(0, n);
    const dest = this.list(mem, to, true)!;
    for (const w of moved) {
      if (w.timer) clearTimeout(w.timer);
      w.timer = undefined;
      dest.push(w);
    }
    return moved.length;
  }
}

/** futex_time64: WAIT/WAKE/REQUEUE/CMP_REQUEUE/WAIT_BITSET/WAKE_BITSET on process memory. */
export function futexSyscalls(kernel: Kernel, table: FutexTable): SyscallEntry[] {
  kernel.futexWake = (p, addr, n) => table.wake(p.memory.memory, addr, n);
  const timeoutMs = (t: Thread, ts: number, absolute: boolean, realtime: boolean): number | undefined => {
    if (!ts) return undefined;
    const ms = Number(t.process.memory.timespecNs(ts)) / 1e6;
    if (!absolute) return ms;
    const now = realtime ? kernel.clock.realtimeNs() : kernel.clock.monotonicNs();
    return ms - Number(now) / 1e6;
  };
  return [
    partial('futex_time64', (t, uaddr, op, val, ts, uaddr2, val3) => {
      const how = t.progress;
      if (how === WOKEN) return 0;
      if (how === TIMED_OUT) throw E.ETIMEDOUT;
      const cmd = op & ~(PRIVATE | CLOCK_REALTIME_FLAG);
      const addr = uaddr >>> 0;
      if (addr & 3) throw E.EINVAL;
      const m = t.process.memory;
      const mem = m.memory;
      switch (cmd) {
        case OP.WAIT:
        case OP.WAIT_BITSET: {
          const bitset = cmd === OP.WAIT ? BITSET_ANY : val3;
          if (bitset === 0) throw E.EINVAL;
          m.check(addr, 4);
          if (Atomics.load(m.i32, addr >> 2) !== val) throw E.EAGAIN;
          const ms = timeoutMs(t, ts, cmd === OP.WAIT_BITSET, (op & CLOCK_REALTIME_FLAG) !== 0);
          if (ms !== undefined && ms <= 0) throw E.ETIMEDOUT;
          return table.wait(t, addr, bitset, ms);
        }
        case OP.WAKE:
        case OP.WAKE_BITSET: {
          const bitset = cmd === OP.WAKE ? BITSET_ANY : val3;
          if (bitset === 0) throw E.EINVAL;
          return table.wake(mem, addr, val, bitset);
        }
        case OP.REQUEUE:
        case OP.CMP_REQUEUE: {
          if (cmd === OP.CMP_REQUEUE) {
            m.check(addr, 4);
            if (Atomics.load(m.i32, addr >> 2) !== val3) throw E.EAGAIN;
          }
          const woken = table.wake(mem, addr, val);
          return woken + table.requeue(mem, addr, uaddr2 >>> 0, ts);
        }
        default:
          throw E.ENOSYS;
      }
    }, 'private futexes (threads of one process); WAKE_OP and PI futexes are ENOSYS; waits are not yet interrupted by signals'),
  ];
}
