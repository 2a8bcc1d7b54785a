import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  E, O, OpenFile, PARK, POLL, POLLFD, type Process, RLIMIT, type Thread,
} from '@kandelo/kernel-core';
import { fakeClock, syscallCaller, testThread } from '@kandelo/kernel-core/testing';
import { PipeFs } from '../files/pipe-fs.js';
import { pollSyscalls } from './poll.js';
import { readWriteSyscalls } from './read-write.js';

let now = 5_000_000_000n;
const rechecks: Thread[] = [];
const kernel = {
  clock: { realtimeNs: fakeClock.realtimeNs, monotonicNs: () => now },
  recheckPending: (t: Thread) => void rechecks.push(t),
};
const pipes = new PipeFs({ clock: fakeClock, signal: (_p: Process, _sig: number) => {} });
const sys = syscallCaller([...readWriteSyscalls(), ...pollSyscalls(kernel)]);

const PFD = 4096; // struct pollfd[]
const TS = 8192; // struct timespec
const SETS = 12288; // three fd_sets, 128 bytes apart
const SIG = 16384; // sigset_t, then the pselect6 argpack
const BUF = 65536;
const SEC = 1_000_000_000n;

function thread(): Thread & { wakes: number } {
  const box = { wakes: 0 };
  const t = testThread({ pages: 16, scheduler: { runAgain: () => void box.wakes++ } }) as Thread & { wakes: number };
  Object.defineProperty(t, 'wakes', { get: () => box.wakes });
  return t;
}

function pipe(t: Thread, nonblock = false): [number, number] {
  const [r, w] = pipes.create(t, nonblock);
  return [t.process.fds.alloc(r), t.process.fds.alloc(w)];
}

/** Fills the pollfd array (revents preset to garbage, to see them written). */
function pollfds(t: Thread, ...entries: [number, number][]): void {
  const m = t.process.memory;
  entries.forEach(([fd, events], i) => {
    m.setI32(PFD + i * POLLFD.size + POLLFD.fd, fd);
    m.setU16(PFD + i * POLLFD.size + POLLFD.events, events);
    m.setU16(PFD + i * POLLFD.size + POLLFD.revents, 0xffff);
  });
}
const revents = (t: Thread, i: number): number => t.process.memory.u16(PFD + i * POLLFD.size + POLLFD.revents);
const timeout = (t: Thread, ns: bigint): number => {
  t.process.memory.setTimespecNs(TS, ns);
  return TS;
};
const ppoll = (t: Thread, n: number, tsp = 0, mask = 0, size = 8) => sys(t, 'ppoll_time64', PFD, n, tsp, mask, size);
const write = (t: Thread, fd: number, n: number) => sys(t, 'write', fd, BUF, n);

/** A caught signal (handler installed) pending for the process. */
function pendCaught(t: Thread, sig: number): void {
  t.process.signals.actions[sig]!.handler = 0x1234;
  t.process.signals.record(sig, { code: 0, pid: 0, uid: 0, status: 0 });
  t.process.signals.pending |= 1n << BigInt(sig - 1);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ppoll on pipes', () => {
  it('nothing ready with a zero timeout: 0, revents cleared', () => {
    const t = thread();
    const [r] = pipe(t);
    pollfds(t, [r, POLL.IN]);
    expect(ppoll(t, 1, timeout(t, 0n))).toBe(0);
    expect(revents(t, 0)).toBe(0);
  });

  it('data: POLLIN on the read end; room: POLLOUT on the write end; only what was asked', () => {
    const t = thread();
    const [r, w] = pipe(t);
    expect(write(t, w, 3)).toBe(3);
    pollfds(t, [r, POLL.IN | POLL.OUT], [w, POLL.IN | POLL.OUT], [w, POLL.IN]);
    expect(ppoll(t, 3, timeout(t, 0n))).toBe(2);
    expect(revents(t, 0)).toBe(POLL.IN);
    expect(revents(t, 1)).toBe(POLL.OUT);
    expect(revents(t, 2)).toBe(0);
  });

  it('last writer closed: POLLHUP (reported unasked), with POLLIN while data remains', () => {
    const t = thread();
    const [r, w] = pipe(t);
    write(t, w, 1);
    t.process.fds.close(w);
    pollfds(t, [r, 0]);
    expect(ppoll(t, 1, timeout(t, 0n))).toBe(1);
    expect(revents(t, 0)).toBe(POLL.HUP);
    pollfds(t, [r, POLL.IN]);
    expect(ppoll(t, 1, timeout(t, 0n))).toBe(1);
    expect(revents(t, 0)).toBe(POLL.IN | POLL.HUP);
  });

  it('a full pipe has no POLLOUT until a page is free again', () => {
    const t = thread();
    const [r, w] = pipe(t, true);
    expect(write(t, w, 65536)).toBe(65536);
    pollfds(t, [w, POLL.OUT]);
    expect(ppoll(t, 1, timeout(t, 0n))).toBe(0);
    expect(sys(t, 'read', r, BUF, 100)).toBe(100);
    expect(ppoll(t, 1, timeout(t, 0n))).toBe(0); // 100 bytes of room: a PIPE_BUF write would still block
    expect(sys(t, 'read', r, BUF, 4000)).toBe(4000);
    expect(ppoll(t, 1, timeout(t, 0n))).toBe(1);
    expect(revents(t, 0)).toBe(POLL.OUT);
  });

  it('reader closed: POLLERR on the write end', () => {
    const t = thread();
    const [r, w] = pipe(t);
    t.process.fds.close(r);
    pollfds(t, [w, POLL.OUT]);
    expect(ppoll(t, 1, timeout(t, 0n))).toBe(1);
    expect(revents(t, 0)).toBe(POLL.OUT | POLL.ERR);
  });

  it('POLLNVAL for a closed fd; a negative fd is skipped; a file without poll is always ready', () => {
    const t = thread();
    const reg = t.process.fds.alloc(new OpenFile({ seekable: true, stat: () => { throw E.EIO; } }, O.RDWR, '/f'));
    pollfds(t, [99, POLL.IN], [-1, POLL.IN], [reg, POLL.IN | POLL.OUT | POLL.PRI]);
    expect(ppoll(t, 3, timeout(t, 0n))).toBe(2);
    expect(revents(t, 0)).toBe(POLL.NVAL);
    expect(revents(t, 1)).toBe(0);
    expect(revents(t, 2)).toBe(POLL.IN | POLL.OUT);
  });

  it('a parked ppoll is woken by a write and reports POLLIN on its re-run', () => {
    const t = thread();
    const writer = thread();
    const [r, w] = pipe(t);
    const wfd = writer.process.fds.alloc(t.process.fds.get(w).ref());
    pollfds(t, [r, POLL.IN]);
    expect(ppoll(t, 1)).toBe(PARK);
    expect(ppoll(t, 1)).toBe(PARK); // a spurious re-run waits on
    expect(t.wakes).toBe(0);
    expect(write(writer, wfd, 2)).toBe(2);
    expect(t.wakes).toBe(1);
    expect(ppoll(t, 1)).toBe(1);
    expect(revents(t, 0)).toBe(POLL.IN);
  });

  it('a poller does not take a blocked reader\'s wake-up: both run again', () => {
    const t = thread();
    const rd = thread();
    const [r, w] = pipe(t);
    const rfd = rd.process.fds.alloc(t.process.fds.get(r).ref());
    expect(sys(rd, 'read', rfd, BUF, 10)).toBe(PARK);
    pollfds(t, [r, POLL.IN]);
    expect(ppoll(t, 1)).toBe(PARK);
    write(t, w, 1);
    expect([t.wakes, rd.wakes]).toEqual([1, 1]);
  });

  it('a timeout ends the wait with 0 (never early) and leaves 0 time in the timespec', () => {
    vi.useFakeTimers();
    const t = thread();
    const [r] = pipe(t);
    pollfds(t, [r, POLL.IN]);
    expect(ppoll(t, 1, timeout(t, 2n * SEC))).toBe(PARK);
    now += SEC;
    vi.advanceTimersByTime(2000); // the host timer fires, but the clock says 1 s is left: armed again
    expect(t.wakes).toBe(0);
    now += SEC;
    vi.advanceTimersByTime(1000);
    expect(t.wakes).toBe(1);
    expect(ppoll(t, 1, TS)).toBe(0);
    expect(t.process.memory.timespecNs(TS)).toBe(0n);
    expect(revents(t, 0)).toBe(0);
  });

  it('woken early, the timespec gets the time left (Linux), and the host timer is cancelled', () => {
    vi.useFakeTimers();
    const t = thread();
    const [r, w] = pipe(t);
    pollfds(t, [r, POLL.IN]);
    expect(ppoll(t, 1, timeout(t, 5n * SEC))).toBe(PARK);
    now += 2n * SEC;
    write(t, w, 1);
    expect(ppoll(t, 1, TS)).toBe(1);
    expect(t.process.memory.timespecNs(TS)).toBe(3n * SEC);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('EINVAL: nfds above RLIMIT_NOFILE, a sigset size other than 8, a bad timespec', () => {
    const t = thread();
    expect(ppoll(t, t.process.rlimits[RLIMIT.NOFILE]![0] + 1)).toBe(-E.EINVAL.code);
    expect(ppoll(t, 0, 0, SIG, 16)).toBe(-E.EINVAL.code);
    t.process.memory.setI64(TS, 0);
    t.process.memory.setI64(TS + 8, 1_000_000_000);
    expect(ppoll(t, 0, TS)).toBe(-E.EINVAL.code);
    expect(ppoll(t, 1, 0, 0, 0)).not.toBe(-E.EINVAL.code); // no sigmask: its size is not looked at
  });
});

describe('ppoll with a signal mask', () => {
  it('a caught signal the mask lets in: EINTR, the temporary mask left for the handler\'s delivery', () => {
    const t = thread();
    const [r] = pipe(t);
    t.sigmask = 1n << 9n; // SIGUSR1 blocked
    pendCaught(t, 10);
    t.process.memory.setI64(SIG, 0);
    pollfds(t, [r, POLL.IN]);
    rechecks.length = 0;
    expect(ppoll(t, 1, 0, SIG, 8)).toBe(-E.EINTR.code);
    expect(rechecks).toEqual([t]);
    expect(t.sigmask).toBe(0n);
    expect(t.suspendMask).toBe(1n << 9n); // the kernel's delivery restores it after the handler
    expect(revents(t, 0)).toBe(0);
  });

  it('ready descriptors win over the signal; the caller\'s mask comes back, the signal stays pending', () => {
    const t = thread();
    const [r, w] = pipe(t);
    write(t, w, 1);
    t.sigmask = 1n << 9n;
    pendCaught(t, 10);
    t.process.memory.setI64(SIG, 0);
    pollfds(t, [r, POLL.IN]);
    expect(ppoll(t, 1, 0, SIG, 8)).toBe(1);
    expect(t.sigmask).toBe(1n << 9n);
    expect(t.suspendMask).toBeUndefined();
    expect(t.process.signals.pending).toBe(1n << 9n);
  });

  it('without a mask, a pending caught signal ends a wait that would otherwise park', () => {
    const t = thread();
    const [r] = pipe(t);
    pendCaught(t, 10);
    pollfds(t, [r, POLL.IN]);
    expect(ppoll(t, 1)).toBe(-E.EINTR.code);
  });

  it('interrupted while parked (the kernel unparks it): the time left is written back', () => {
    vi.useFakeTimers();
    const t = thread();
    const [r] = pipe(t);
    t.process.memory.setI64(SIG, 0);
    pollfds(t, [r, POLL.IN]);
    expect(ppoll(t, 1, timeout(t, 10n * SEC), SIG, 8)).toBe(PARK);
    now += 4n * SEC;
    t.unpark(); // what Kernel.signal does before completing with EINTR
    t.progress = undefined;
    expect(t.process.memory.timespecNs(TS)).toBe(6n * SEC);
    expect(vi.getTimerCount()).toBe(0);
    expect(t.suspendMask).toBe(0n);
  });
});

describe('pselect6', () => {
  const IN = SETS;
  const OUT = SETS + 128;
  const EX = SETS + 256;
  const setBits = (t: Thread, at: number, ...fds: number[]) => {
    const m = t.process.memory;
    m.bytes(at, 128).fill(0);
    for (const fd of fds) m.setU32(at + (fd >> 5) * 4, m.u32(at + (fd >> 5) * 4) | (1 << (fd & 31)));
  };
  const bits = (t: Thread, at: number, n: number) => {
    const out: number[] = [];
    for (let fd = 0; fd < n; fd++) if (t.process.memory.u32(at + (fd >> 5) * 4) & (1 << (fd & 31))) out.push(fd);
    return out;
  };
  const pselect = (t: Thread, n: number, tsp = 0, pack = 0) => sys(t, 'pselect6_time64', n, IN, OUT, EX, tsp, pack);

  it('reports each ready (fd, set) pair and clears the rest', () => {
    const t = thread();
    const [r, w] = pipe(t);
    setBits(t, IN, r, w);
    setBits(t, OUT, r, w);
    setBits(t, EX, r, w);
    expect(pselect(t, w + 1, timeout(t, 0n))).toBe(1);
    expect(bits(t, IN, 64)).toEqual([]);
    expect(bits(t, OUT, 64)).toEqual([w]);
    expect(bits(t, EX, 64)).toEqual([]);
    write(t, w, 1);
    setBits(t, IN, r);
    setBits(t, OUT, w);
    setBits(t, EX);
    expect(pselect(t, w + 1, timeout(t, 0n))).toBe(2);
    expect(bits(t, IN, 64)).toEqual([r]);
    expect(bits(t, OUT, 64)).toEqual([w]);
  });

  it('a hang-up reads as readable; a timeout returns 0 with the sets cleared', () => {
    const t = thread();
    const [r, w] = pipe(t);
    setBits(t, IN, r);
    setBits(t, OUT);
    setBits(t, EX);
    expect(pselect(t, r + 1, timeout(t, 0n))).toBe(0);
    expect(bits(t, IN, 64)).toEqual([]);
    t.process.fds.close(w);
    setBits(t, IN, r);
    expect(pselect(t, r + 1, timeout(t, 0n))).toBe(1);
    expect(bits(t, IN, 64)).toEqual([r]);
  });

  it('EBADF for a closed fd below nfds; bits at or above nfds are ignored; EINVAL for nfds < 0', () => {
    const t = thread();
    const [r] = pipe(t);
    setBits(t, IN, r, 40);
    setBits(t, OUT);
    setBits(t, EX);
    expect(pselect(t, 41, timeout(t, 0n))).toBe(-E.EBADF.code);
    setBits(t, IN, r, 40);
    expect(pselect(t, 40, timeout(t, 0n))).toBe(0);
    expect(bits(t, IN, 64)).toEqual([]);
    expect(pselect(t, -1, timeout(t, 0n))).toBe(-E.EINVAL.code);
  });

  it('parks with nothing ready and is woken by a write; null sets are fine', () => {
    const t = thread();
    const [r, w] = pipe(t);
    setBits(t, IN, r);
    expect(sys(t, 'pselect6_time64', r + 1, IN, 0, 0, 0, 0)).toBe(PARK);
    write(t, w, 1);
    expect(t.wakes).toBe(1);
    expect(sys(t, 'pselect6_time64', r + 1, IN, 0, 0, 0, 0)).toBe(1);
    expect(bits(t, IN, 64)).toEqual([r]);
  });

  it('the 6th argument carries { sigset pointer, size }: size 8 or EINVAL; the mask works as ppoll\'s', () => {
    const t = thread();
    const [r] = pipe(t);
    const m = t.process.memory;
    m.setI64(SIG, 0);
    m.setU32(SIG + 16, SIG);
    m.setU32(SIG + 20, 16);
    setBits(t, IN, r);
    expect(pselect(t, r + 1, 0, SIG + 16)).toBe(-E.EINVAL.code);
    m.setU32(SIG + 20, 8);
    t.sigmask = 1n << 9n;
    pendCaught(t, 10);
    expect(pselect(t, r + 1, 0, SIG + 16)).toBe(-E.EINTR.code);
    expect(t.suspendMask).toBe(1n << 9n);
    expect(bits(t, IN, 64)).toEqual([r]); // EINTR leaves the sets as they were
    // A null sigset pointer in the pack: no mask, the size is not looked at.
    t.suspendMask = undefined;
    t.process.signals.pending = 0n;
    m.setU32(SIG + 16, 0);
    m.setU32(SIG + 20, 99);
    expect(pselect(t, r + 1, timeout(t, 0n), SIG + 16)).toBe(0);
  });
});
