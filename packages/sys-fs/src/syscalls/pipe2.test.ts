import { describe, expect, it } from 'vitest';
import {
  E, F, FD_CLOEXEC, IOCTL, IOVEC, KSTAT, O, OpenFile, PARK, type Process, S, SEEK,
  type Thread,
} from '@kandelo/kernel-core';
import { fakeClock, syscallCaller, testThread } from '@kandelo/kernel-core/testing';
import { PIPE_DEFAULT_SIZE } from '../files/pipe.js';
import { PipeFs } from '../files/pipe-fs.js';
import { Vfs } from '../vfs/vfs.js';
import { controlSyscalls } from './control.js';
import { LockManager } from '../locks/index.js';
import { NamespaceOps } from '../vfs/namespace-ops.js';
import { openCloseSyscalls } from './open-close.js';
import { statSyscalls } from './stat.js';
import { pipeSyscalls } from './pipe2.js';
import { readWriteSyscalls } from './read-write.js';

const signals: number[] = [];
const pipes = new PipeFs({ clock: fakeClock, signal: (_p: Process, sig: number) => void signals.push(sig) });
const vfs = new Vfs();
const sys = syscallCaller([...readWriteSyscalls(), ...controlSyscalls(new LockManager()), ...openCloseSyscalls(vfs, new NamespaceOps(vfs)), ...statSyscalls(vfs), ...pipeSyscalls(pipes)]);

const FDS = 4096; // int[2] for pipe2
const BUF = 65536; // data buffers from here on
const thread = () => testThread({ pages: 16 });

function pipe(t: Thread, flags = 0): [number, number] {
  expect(sys(t, 'pipe2', FDS, flags)).toBe(0);
  const m = t.process.memory;
  return [m.i32at(FDS), m.i32at(FDS + 4)];
}

const fill = (t: Thread, at: number, n: number, seed: number): Uint8Array => {
  const b = t.process.memory.bytes(at, n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed + (i >> 10)) & 0xff;
  return b.slice();
};

describe('pipe2', () => {
  it('returns the read end then the write end at the lowest free fds; data flows through read/write', () => {
    const t = thread();
    const [r, w] = pipe(t);
    expect([r, w]).toEqual([0, 1]);
    const data = fill(t, BUF, 11, 1);
    expect(sys(t, 'write', w, BUF, 11)).toBe(11);
    expect(sys(t, 'read', r, BUF + 100, 64)).toBe(11);
    expect(t.process.memory.bytes(BUF + 100, 11)).toEqual(data);
    expect(sys(t, 'fcntl64', r, F.GETFL)).toBe(O.RDONLY);
    expect(sys(t, 'fcntl64', w, F.GETFL)).toBe(O.WRONLY);
    expect(sys(t, 'fcntl64', r, F.GETFD)).toBe(0);
    // The wrong direction is EBADF, seeking is ESPIPE.
    expect(sys(t, 'write', r, BUF, 1)).toBe(-E.EBADF.code);
    expect(sys(t, 'read', w, BUF, 1)).toBe(-E.EBADF.code);
    expect(sys(t, '_llseek', r, 0, 0, BUF, SEEK.SET)).toBe(-E.ESPIPE.code);
    expect(sys(t, 'pread64', r, BUF, 1, 0, 0)).toBe(-E.ESPIPE.code);
    expect(sys(t, 'fstat64', w, BUF)).toBe(0);
    expect(t.process.memory.u32(BUF + KSTAT.st_mode) & S.IFMT).toBe(S.IFIFO);
  });

  it('O_CLOEXEC and O_NONBLOCK apply to both ends', () => {
    const t = thread();
    const [r, w] = pipe(t, O.CLOEXEC | O.NONBLOCK);
    for (const fd of [r, w]) {
      expect(sys(t, 'fcntl64', fd, F.GETFD)).toBe(FD_CLOEXEC);
      expect(sys(t, 'fcntl64', fd, F.GETFL) & O.NONBLOCK).toBe(O.NONBLOCK);
    }
    expect(sys(t, 'read', r, BUF, 1)).toBe(-E.EAGAIN.code);
  });

  it('refuses other flags: O_DIRECT (no packet mode) and unknown ones EINVAL, notification pipes ENOPKG', () => {
    const t = thread();
    expect(sys(t, 'pipe2', FDS, O.DIRECT)).toBe(-E.EINVAL.code);
    expect(sys(t, 'pipe2', FDS, O.APPEND)).toBe(-E.EINVAL.code);
    expect(sys(t, 'pipe2', FDS, O.RDWR)).toBe(-E.EINVAL.code);
    expect(sys(t, 'pipe2', FDS, O.EXCL)).toBe(-E.ENOPKG.code);
    expect(t.process.fds.fds()).toEqual([]);
  });

  it('EFAULT for a bad result pointer, with no descriptor allocated', () => {
    const t = thread();
    expect(sys(t, 'pipe2', 16 * 65536 - 4, 0)).toBe(-E.EFAULT.code);
    expect(sys(t, 'pipe2', 0, 0)).toBe(-E.EFAULT.code);
    expect(t.process.fds.fds()).toEqual([]);
  });

  it('EMFILE for the second end releases the first', () => {
    const t = thread();
    t.process.fds.limit = 1;
    expect(sys(t, 'pipe2', FDS, 0)).toBe(-E.EMFILE.code);
    expect(t.process.fds.fds()).toEqual([]);
  });
});

describe('pipes through the read/write syscalls', () => {
  it('a blocking writev parked mid-buffer resumes without duplicating or losing bytes', () => {
    const w = thread();
    const rd = testThread({ pages: 16, scheduler: { runAgain: () => {} } });
    const [r, wfd] = pipe(w);
    rd.process.fds.set(5, w.process.fds.get(r).ref());
    const m = w.process.memory;
    // iov[0]: 1000 bytes, iov[1]: 200000 bytes; the pipe already holds 60000.
    const head = fill(w, BUF, 1000, 3);
    const body = fill(w, BUF + 4096, 200_000, 4);
    const IOV = 8192;
    m.setU32(IOV + IOVEC.iov_base, BUF);
    m.setU32(IOV + IOVEC.iov_len, 1000);
    m.setU32(IOV + IOVEC.size + IOVEC.iov_base, BUF + 4096);
    m.setU32(IOV + IOVEC.size + IOVEC.iov_len, 200_000);
    fill(w, 300_000, 60_000, 5);
    expect(sys(w, 'write', wfd, 300_000, 60_000)).toBe(60_000);
    const out = new Uint8Array(60_000 + 201_000);
    let have = 0;
    const drain = () => {
      const n = sys(rd, 'read', 5, BUF, 30_000);
      expect(n).toBeGreaterThan(0);
      out.set(rd.process.memory.bytes(BUF, n), have);
      have += n;
    };
    let res = sys(w, 'writev', wfd, IOV, 2);
    let runs = 1;
    while (res === PARK) {
      drain();
      res = sys(w, 'writev', wfd, IOV, 2);
      runs++;
    }
    expect(res).toBe(201_000);
    expect(runs).toBeGreaterThan(3);
    while (have < out.length) drain();
    expect(sys(w, 'fcntl64', wfd, F.SETFL, O.NONBLOCK)).toBe(0);
    expect(sys(rd, 'fcntl64', 5, F.SETFL, O.NONBLOCK)).toBe(0);
    expect(sys(rd, 'read', 5, BUF, 1)).toBe(-E.EAGAIN.code);
    expect(Buffer.compare(out.subarray(60_000, 61_000), head)).toBe(0);
    expect(Buffer.compare(out.subarray(61_000), body)).toBe(0);
  });

  it('a non-blocking writev reports a partial count; readv gathers what is there', () => {
    const t = thread();
    const [r, w] = pipe(t, O.NONBLOCK);
    const m = t.process.memory;
    const IOV = 8192;
    for (let i = 0; i < 3; i++) {
      m.setU32(IOV + i * IOVEC.size + IOVEC.iov_base, BUF);
      m.setU32(IOV + i * IOVEC.size + IOVEC.iov_len, 30_000);
    }
    fill(t, BUF, 30_000, 1);
    expect(sys(t, 'writev', w, IOV, 3)).toBe(PIPE_DEFAULT_SIZE);
    expect(sys(t, 'writev', w, IOV, 3)).toBe(-E.EAGAIN.code);
    expect(sys(t, 'readv', r, IOV, 3)).toBe(PIPE_DEFAULT_SIZE);
    expect(sys(t, 'readv', r, IOV, 3)).toBe(-E.EAGAIN.code);
  });

  it('ioctl FIONREAD; fcntl F_GETPIPE_SZ/F_SETPIPE_SZ, EBADF on other files', () => {
    const t = thread();
    const [r, w] = pipe(t);
    fill(t, BUF, 5000, 1);
    sys(t, 'write', w, BUF, 5000);
    expect(sys(t, 'ioctl', r, IOCTL.FIONREAD, FDS)).toBe(0);
    expect(t.process.memory.i32at(FDS)).toBe(5000);
    expect(sys(t, 'fcntl64', r, F.GETPIPE_SZ)).toBe(65536);
    expect(sys(t, 'fcntl64', w, F.SETPIPE_SZ, 5000)).toBe(8192);
    expect(sys(t, 'fcntl64', r, F.GETPIPE_SZ)).toBe(8192);
    expect(sys(t, 'fcntl64', w, F.SETPIPE_SZ, 4096)).toBe(-E.EBUSY.code);
    expect(sys(t, 'fcntl64', w, F.SETPIPE_SZ, 1 << 21)).toBe(-E.EPERM.code);
    const other = new OpenFile({ seekable: true, stat: () => { throw E.EIO; } }, O.RDONLY, '/x');
    const fd = t.process.fds.alloc(other);
    expect(sys(t, 'fcntl64', fd, F.GETPIPE_SZ)).toBe(-E.EBADF.code);
    expect(sys(t, 'fcntl64', fd, F.SETPIPE_SZ, 4096)).toBe(-E.EBADF.code);
  });

  it('dup keeps the write end open; closing every descriptor gives EOF; then EPIPE and SIGPIPE', () => {
    const t = thread();
    const [r, w] = pipe(t);
    const w2 = sys(t, 'dup', w);
    expect(sys(t, 'close', w)).toBe(0);
    fill(t, BUF, 3, 1);
    expect(sys(t, 'write', w2, BUF, 3)).toBe(3);
    expect(sys(t, 'close', w2)).toBe(0);
    expect(sys(t, 'read', r, BUF, 10)).toBe(3);
    expect(sys(t, 'read', r, BUF, 10)).toBe(0);
    const [r2, w3] = pipe(t);
    signals.length = 0;
    expect(sys(t, 'close', r2)).toBe(0);
    expect(sys(t, 'write', w3, BUF, 1)).toBe(-E.EPIPE.code);
    expect(signals).toEqual([13]);
  });
});
