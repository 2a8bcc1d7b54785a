import { describe, expect, it } from 'vitest';
import {
  CLD, createKernel, Errno, O, OpenFile, PARK, POLL, SFD, SI, SIGNALFD_SIGINFO, SIGNALS, type SyscallEntry, type Thread,
} from '@kandelo/kernel-core';
import { fakeHostContainer, testThread } from '@kandelo/kernel-core/testing';
import { nextSignalFor, signalfdOps, signalfdSyscalls, writeSignalfdSiginfo } from './signalfd.js';

const { c } = fakeHostContainer();
const kernel = createKernel({ container: c, subsystems: [] });
const signalfd4 = (signalfdSyscalls().find((e: SyscallEntry) => e.name === 'signalfd4')!).handler!;

const MASK = 4096; // sigset_t
const BUF = 8192; // records
const bit = (sig: number): bigint => 1n << BigInt(sig - 1);
const { SIGUSR1, SIGUSR2, SIGTERM, SIGCHLD, SIGKILL } = SIGNALS;

function thread(): Thread & { wakes: number } {
  const box = { wakes: 0 };
  const t = testThread({ pages: 4, scheduler: { runAgain: () => void box.wakes++ } }) as Thread & { wakes: number };
  Object.defineProperty(t, 'wakes', { get: () => box.wakes });
  return t;
}

/** signalfd4 as the router runs it: -errno for a thrown sentinel. */
function sfd(t: Thread, fd: number, mask: bigint, flags = 0, size = 8): number {
  t.process.memory.setI64(MASK, mask);
  try {
    return signalfd4(t, fd, MASK, size, flags, 0, 0);
  } catch (err) {
    if (err instanceof Errno) return -err.code;
    throw err;
  }
}

function read(t: Thread, fd: number, len: number): number {
  const f = t.process.fds.get(fd);
  try {
    return f.ops.read!(f, t, t.process.memory.bytes(BUF, len), null);
  } catch (err) {
    if (err instanceof Errno) return -err.code;
    throw err;
  }
}

const field = (t: Thread, i: number, name: keyof typeof SIGNALFD_SIGINFO.fields): number =>
  t.process.memory.i32at(BUF + i * 128 + SIGNALFD_SIGINFO.fields[name][0]);

/** Blocks `sigs` in `t` and sends each to its process from pid 7 (SI_USER). */
function sendBlocked(t: Thread, ...sigs: number[]): void {
  for (const s of sigs) t.sigmask |= bit(s);
  for (const s of sigs) kernel.signal(t.process, s, undefined, { code: SI.USER, pid: 7, uid: 0, status: 0 });
}

describe('signalfd4', () => {
  it('creates a read-write anonymous file with SFD_NONBLOCK and SFD_CLOEXEC; KILL/STOP leave the mask', () => {
    const t = thread();
    const fd = sfd(t, -1, bit(SIGUSR1) | bit(SIGKILL), SFD.NONBLOCK | SFD.CLOEXEC);
    expect(fd).toBeGreaterThanOrEqual(0);
    const f = t.process.fds.get(fd);
    expect(f.path).toBe('anon_inode:[signalfd]');
    expect(f.flags).toBe(O.RDWR | O.NONBLOCK);
    expect(t.process.fds.getCloexec(fd)).toBe(true);
    expect((f.state as { mask: bigint }).mask).toBe(bit(SIGUSR1));
    expect(f.ops.stat(f).mode).toBe(0o600);
  });

  it('changes the mask of an existing signalfd and returns its fd; errors as Linux', () => {
    const t = thread();
    const fd = sfd(t, -1, bit(SIGUSR1));
    expect(sfd(t, fd, bit(SIGUSR2))).toBe(fd);
    expect((t.process.fds.get(fd).state as { mask: bigint }).mask).toBe(bit(SIGUSR2));
    expect(sfd(t, -1, 0n, 1)).toBe(-22); // unknown flag
    expect(sfd(t, -1, 0n, 0, 16)).toBe(-22); // sizemask other than 8
    expect(sfd(t, 77, 0n)).toBe(-9); // not open
    expect(sfd(t, -5, 0n)).toBe(-9);
    const other = t.process.fds.alloc(new OpenFile({ seekable: false, stat: () => signalfdOps.stat(t.process.fds.get(fd)) }, O.RDONLY, '/x'));
    expect(sfd(t, other, 0n)).toBe(-22); // not a signalfd
  });
});

describe('signalfd reads', () => {
  it('take pending signals in the mask, lowest first, as many records as fit; others stay pending', () => {
    const t = thread();
    const fd = sfd(t, -1, bit(SIGUSR1) | bit(SIGTERM));
    sendBlocked(t, SIGTERM, SIGUSR1, SIGUSR2);
    expect(read(t, fd, 128 * 4)).toBe(256);
    expect([field(t, 0, 'ssi_signo'), field(t, 1, 'ssi_signo')]).toEqual([SIGUSR1, SIGTERM]);
    expect(field(t, 0, 'ssi_pid')).toBe(7);
    expect(field(t, 0, 'ssi_code')).toBe(SI.USER);
    expect(t.process.signals.pending).toBe(bit(SIGUSR2));
  });

  it('take thread-directed signals before process-directed ones', () => {
    const t = thread();
    const fd = sfd(t, -1, bit(SIGUSR1) | bit(SIGTERM));
    t.sigmask = bit(SIGUSR1) | bit(SIGTERM);
    kernel.signal(t.process, SIGUSR1, undefined, { code: SI.USER, pid: 1, uid: 0, status: 0 });
    kernel.signal(t.process, SIGTERM, t, { code: SI.TKILL, pid: 1, uid: 0, status: 0 });
    expect(nextSignalFor(t, bit(SIGUSR1) | bit(SIGTERM))).toBe(SIGTERM);
    expect(read(t, fd, 128)).toBe(128);
    expect(field(t, 0, 'ssi_signo')).toBe(SIGTERM);
    expect(field(t, 0, 'ssi_code')).toBe(SI.TKILL);
  });

  it('EINVAL for a buffer under one record, EAGAIN when nothing is pending and O_NONBLOCK', () => {
    const t = thread();
    const fd = sfd(t, -1, bit(SIGUSR1), SFD.NONBLOCK);
    expect(read(t, fd, 127)).toBe(-22);
    expect(read(t, fd, 128)).toBe(-11);
  });

  it('a blocking read parks and is woken when a signal becomes pending (any signal: it re-runs)', () => {
    const t = thread();
    const fd = sfd(t, -1, bit(SIGUSR1));
    t.sigmask = bit(SIGUSR1) | bit(SIGUSR2);
    expect(read(t, fd, 128)).toBe(PARK);
    expect(t.parked).toBe(true);
    kernel.signal(t.process, SIGUSR1, undefined, { code: SI.QUEUE, pid: 3, uid: 0, status: 99 });
    expect(t.wakes).toBe(1);
    expect(read(t, fd, 128)).toBe(128);
    expect(field(t, 0, 'ssi_int')).toBe(99);
  });

  it('a blocked SIGCHLD with its default action stays pending and is read with the child\'s status', () => {
    const t = thread();
    const fd = sfd(t, -1, bit(SIGCHLD));
    t.sigmask = bit(SIGCHLD);
    kernel.signal(t.process, SIGCHLD, undefined, { code: CLD.EXITED, pid: 9, uid: 0, status: 5 });
    expect(read(t, fd, 128)).toBe(128);
    expect([field(t, 0, 'ssi_signo'), field(t, 0, 'ssi_code'), field(t, 0, 'ssi_pid'), field(t, 0, 'ssi_status')])
      .toEqual([SIGCHLD, CLD.EXITED, 9, 5]);
    // unblocked, it is ignored again
    t.sigmask = 0n;
    kernel.signal(t.process, SIGCHLD, undefined, { code: CLD.EXITED, pid: 9, uid: 0, status: 5 });
    expect(t.process.signals.pending).toBe(0n);
  });
});

describe('signalfd poll', () => {
  it('POLLIN while a signal in the mask is pending for the polling thread; the queue is the process\'s', () => {
    const t = thread();
    const fd = sfd(t, -1, bit(SIGUSR1));
    const f = t.process.fds.get(fd);
    expect(signalfdOps.poll!(f, t)).toBe(0);
    expect(signalfdOps.pollQueues!(f, t)).toEqual([t.process.signals.pendingWait]);
    sendBlocked(t, SIGUSR2);
    expect(signalfdOps.poll!(f, t)).toBe(0);
    sendBlocked(t, SIGUSR1);
    expect(signalfdOps.poll!(f, t)).toBe(POLL.IN);
  });

  it('a mask change wakes pollers', () => {
    const t = thread();
    const fd = sfd(t, -1, bit(SIGUSR1));
    t.park(t.process.signals.pendingWait);
    sfd(t, fd, bit(SIGUSR2));
    expect(t.wakes).toBe(1);
  });
});

describe('signalfd_siginfo records', () => {
  const rec = (sig: number, info: { code: number; pid: number; uid: number; status: number }) => {
    const out = new Uint8Array(128).fill(0xff);
    writeSignalfdSiginfo(out, sig, info);
    const dv = new DataView(out.buffer);
    const get = (n: keyof typeof SIGNALFD_SIGINFO.fields) => dv.getInt32(SIGNALFD_SIGINFO.fields[n][0], true);
    return { out, get, ptr: dv.getBigUint64(SIGNALFD_SIGINFO.ssi_ptr, true) };
  };

  it('a timer: id, overrun and value; no pid', () => {
    const r = rec(34, { code: SI.TIMER, pid: 2, uid: 3, status: 44 });
    expect([r.get('ssi_tid'), r.get('ssi_overrun'), r.get('ssi_int'), r.get('ssi_pid'), r.ptr]).toEqual([2, 3, 44, 0, 44n]);
  });

  it('sigqueue: sender and value; SI_USER: sender only; the rest zero', () => {
    let r = rec(SIGUSR1, { code: SI.QUEUE, pid: 5, uid: 1000, status: -1 });
    expect([r.get('ssi_pid'), r.get('ssi_uid'), r.get('ssi_int'), r.ptr]).toEqual([5, 1000, -1, 0xffffffffn]);
    r = rec(SIGUSR1, { code: SI.USER, pid: 5, uid: 0, status: 8 });
    expect([r.get('ssi_pid'), r.get('ssi_int'), r.get('ssi_status')]).toEqual([5, 0, 0]);
    expect(r.out.subarray(100).every((b) => b === 0)).toBe(true);
  });
});
