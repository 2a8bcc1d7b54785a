import { describe, expect, it } from 'vitest';
import {
  E, IOCTL, NO_REPLY, type OpenFile, PARK, type Process, S, SIGNALS, signalStatus, type Thread,
} from '@kandelo/kernel-core';
import { fakeClock, testThread } from '@kandelo/kernel-core/testing';
import { PIPE_BUF, PIPE_DEFAULT_SIZE, roundPipeSize } from './pipe.js';
import { PIPEFS_DEV, pipeOf } from './pipe-file.js';
import { PipeFs } from './pipe-fs.js';

/** A kernel stand-in recording signals; `kill` makes SIGPIPE's default action end the process. */
function fakeKernel(kill = false) {
  const signals: [number, number, Thread | undefined][] = [];
  return {
    signals,
    clock: fakeClock,
    signal(p: Process, sig: number, target?: Thread) {
      signals.push([p.pid, sig, target]);
      if (kill) p.markExited(signalStatus(sig, false));
    },
  };
}

/** A thread whose wake-ups are recorded, and a way to run a call the way the channel server does. */
function actor(pages = 4) {
  const woken: Thread[] = [];
  const t = testThread({ pages, scheduler: { runAgain: (th) => woken.push(th) } });
  /** Runs `call` once: its result, or PARK (t.progress kept for the re-run, as the server does). */
  const run = (call: () => number): number => {
    const r = call();
    if (r !== PARK) t.progress = undefined;
    return r;
  };
  return { t, woken, run };
}

function setup(opts: { nonblock?: boolean; kill?: boolean } = {}) {
  const kernel = fakeKernel(opts.kill);
  const fs = new PipeFs(kernel);
  const w = actor(8);
  const [rf, wf] = fs.create(w.t, opts.nonblock ?? false);
  const read = (a: ReturnType<typeof actor>, out: Uint8Array) => a.run(() => rf.ops.read!(rf, a.t, out, null));
  const write = (a: ReturnType<typeof actor>, data: Uint8Array) => a.run(() => wf.ops.write!(wf, a.t, data, null));
  return { kernel, fs, rf, wf, w, read, write };
}

const bytes = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed + (i >> 8)) & 0xff);

describe('Pipe', () => {
  it('reads what is there, up to the count; empty parks while a writer remains', () => {
    const { rf, w, read, write } = setup();
    const r = actor();
    expect(write(w, bytes(10))).toBe(10);
    const out = new Uint8Array(4);
    expect(read(r, out)).toBe(4);
    expect(out).toEqual(bytes(10).subarray(0, 4));
    expect(read(r, new Uint8Array(100))).toBe(6);
    expect(read(r, new Uint8Array(0))).toBe(0);
    expect(read(r, new Uint8Array(8))).toBe(PARK);
    expect(r.t.parked).toBe(true);
    expect(write(w, bytes(3))).toBe(3);
    expect(r.woken).toEqual([r.t]); // data arrived
    expect(read(r, new Uint8Array(8))).toBe(3);
    expect(pipeOf(rf)!.size).toBe(0);
  });

  it('peek (tee) copies without consuming, across the ring wrap; empty parks, EOF gives 0', () => {
    const { rf, wf, w, read, write } = setup();
    const r = actor();
    const p = pipeOf(rf)!;
    write(w, bytes(PIPE_DEFAULT_SIZE - 10));
    read(r, new Uint8Array(PIPE_DEFAULT_SIZE - 20)); // head near the end: the next data wraps
    write(w, bytes(30, 7));
    const out = new Uint8Array(40);
    expect(p.peek(r.t, out, false)).toBe(40);
    expect(p.size).toBe(40);
    const all = new Uint8Array(40);
    expect(read(r, all)).toBe(40);
    expect(out).toEqual(all);
    expect(p.peek(r.t, out, false)).toBe(PARK);
    r.t.unpark();
    expect(() => p.peek(r.t, out, true)).toThrow(E.EAGAIN);
    wf.unref();
    expect(p.peek(r.t, out, false)).toBe(0);
  });

  it('gives EOF once the last writer closes, waking a parked reader', () => {
    const { rf, wf, w, read, write } = setup();
    const r = actor();
    const dup = wf.ref(); // a second descriptor of the same description: still one writer
    write(w, bytes(5));
    dup.unref();
    expect(read(r, new Uint8Array(10))).toBe(5);
    expect(read(r, new Uint8Array(10))).toBe(PARK);
    wf.unref();
    expect(r.woken).toEqual([r.t]);
    expect(read(r, new Uint8Array(10))).toBe(0);
    expect(read(r, new Uint8Array(10))).toBe(0);
    rf.unref();
  });

  it('EPIPE and SIGPIPE to the writing thread once the last reader closes; a zero write is just 0', () => {
    const { kernel, rf, w, write } = setup();
    rf.unref();
    expect(write(w, new Uint8Array(0))).toBe(0);
    expect(kernel.signals).toEqual([]);
    expect(() => write(w, bytes(1))).toThrow(E.EPIPE as never);
    expect(kernel.signals).toEqual([[42, SIGNALS.SIGPIPE, w.t]]);
  });

  it('a writer killed by SIGPIPE gets no reply', () => {
    const { rf, w, write } = setup({ kill: true });
    rf.unref();
    expect(write(w, bytes(1))).toBe(NO_REPLY);
    expect(w.t.process.status).toBe(SIGNALS.SIGPIPE);
  });

  it('a parked writer is woken by the last reader closing and gets EPIPE', () => {
    const { kernel, rf, w, write } = setup();
    expect(write(w, bytes(PIPE_DEFAULT_SIZE))).toBe(PIPE_DEFAULT_SIZE);
    expect(write(w, bytes(100))).toBe(PARK);
    rf.unref();
    expect(w.woken).toEqual([w.t]);
    expect(() => write(w, bytes(100))).toThrow(E.EPIPE as never);
    expect(kernel.signals.length).toBe(1);
  });

  it('writes of at most PIPE_BUF bytes are atomic: all in, or park with nothing written', () => {
    const { rf, w, read, write } = setup();
    const r = actor();
    expect(write(w, bytes(PIPE_DEFAULT_SIZE - 100))).toBe(PIPE_DEFAULT_SIZE - 100);
    expect(write(w, bytes(PIPE_BUF, 5))).toBe(PARK);
    expect(pipeOf(rf)!.size).toBe(PIPE_DEFAULT_SIZE - 100);
    read(r, new Uint8Array(PIPE_BUF - 101)); // one byte short of room
    expect(w.woken).toEqual([w.t]);
    expect(write(w, bytes(PIPE_BUF, 5))).toBe(PARK);
    expect(pipeOf(rf)!.size).toBe(PIPE_DEFAULT_SIZE - PIPE_BUF + 1);
    read(r, new Uint8Array(1));
    expect(write(w, bytes(PIPE_BUF, 5))).toBe(PIPE_BUF);
    expect(pipeOf(rf)!.size).toBe(PIPE_DEFAULT_SIZE);
  });

  it('a large write moves what fits, parks, and resumes across wake-ups without loss or duplication', () => {
    const { w, read, write } = setup();
    const r = actor(8);
    const data = bytes(300_000, 9);
    const got = new Uint8Array(data.length + 65_536);
    let have = 0;
    let result = write(w, data);
    let writes = 1;
    const sizes = [1, 4095, 70_000, 3, 65_536, 100, 12_345];
    for (let i = 0; result === PARK; i++) {
      expect(w.t.progress).toBeGreaterThan(0);
      const n = read(r, got.subarray(have, have + sizes[i % sizes.length]!));
      expect(n).toBeGreaterThan(0);
      have += n;
      expect(w.woken).toEqual([w.t]); // room freed
      w.woken.length = 0;
      result = write(w, data);
      writes++;
    }
    expect(result).toBe(data.length); // the whole count, once, at the end
    expect(w.t.progress).toBeUndefined();
    expect(writes).toBeGreaterThan(4);
    for (;;) {
      const n = read(r, got.subarray(have, have + 65_536));
      if (n === PARK) break;
      have += n;
    }
    expect(have).toBe(data.length);
    expect(Buffer.compare(got.subarray(0, have), data)).toBe(0);
  });

  it('a large write that loses its reader midway reports the bytes it got in (and SIGPIPE)', () => {
    const { kernel, rf, w, write } = setup();
    expect(write(w, bytes(100_000))).toBe(PARK);
    rf.unref();
    expect(write(w, bytes(100_000))).toBe(PIPE_DEFAULT_SIZE);
    expect(kernel.signals.length).toBe(1);
    expect(w.t.progress).toBeUndefined();
  });

  it('O_NONBLOCK: EAGAIN on an empty pipe and a full one; a large write gets a partial count', () => {
    const { rf, w, read, write } = setup({ nonblock: true });
    const r = actor();
    expect(() => read(r, new Uint8Array(1))).toThrow(E.EAGAIN as never);
    expect(write(w, bytes(PIPE_DEFAULT_SIZE - 10))).toBe(PIPE_DEFAULT_SIZE - 10);
    expect(() => write(w, bytes(11))).toThrow(E.EAGAIN as never); // small: atomic, so nothing
    expect(write(w, bytes(PIPE_BUF + 1))).toBe(10); // large: what fits
    expect(() => write(w, bytes(PIPE_BUF + 1))).toThrow(E.EAGAIN as never);
    expect(w.t.parked).toBe(false);
    expect(pipeOf(rf)!.size).toBe(PIPE_DEFAULT_SIZE);
  });

  it('fstat: a FIFO on pipefs, one inode for both ends, a new one per pipe', () => {
    const { fs, rf, wf, w } = setup();
    const a = rf.ops.stat(rf);
    expect(a.mode).toBe(S.IFIFO | 0o600);
    expect(a.dev).toBe(PIPEFS_DEV);
    expect(wf.ops.stat(wf).ino).toBe(a.ino);
    const [r2] = fs.create(w.t, false);
    expect(r2.ops.stat(r2).ino).not.toBe(a.ino);
    expect(rf.path).toBe(`pipe:[${a.ino}]`);
    expect(rf.ops.seekable).toBe(false);
  });

  it('FIONREAD on either end; other ioctls are ENOTTY', () => {
    const { rf, wf, w, write } = setup();
    write(w, bytes(123));
    const m = w.t.process.memory;
    expect(rf.ops.ioctl!(rf, w.t, IOCTL.FIONREAD, 2048)).toBe(0);
    expect(m.i32at(2048)).toBe(123);
    wf.ops.ioctl!(wf, w.t, IOCTL.FIONREAD, 2052);
    expect(m.i32at(2052)).toBe(123);
    expect(() => rf.ops.ioctl!(rf, w.t, IOCTL.TIOCGWINSZ, 2048)).toThrow(E.ENOTTY as never);
  });

  it('capacity: rounded up to a power-of-two number of pages, EBUSY below the contents, EPERM above 1 MiB', () => {
    expect([0, 1, 4096, 4097, 65_536, 100_000, 2 ** 31].map(roundPipeSize)).toEqual(
      [4096, 4096, 4096, 8192, 65_536, 131_072, 2 ** 31]);
    expect(roundPipeSize(2 ** 31 + 1)).toBe(0);
    const { rf, w, write } = setup();
    const p = pipeOf(rf)!;
    expect(p.capacity).toBe(PIPE_DEFAULT_SIZE);
    expect(p.setCapacity(100_000)).toBe(131_072);
    expect(write(w, bytes(131_072))).toBe(131_072);
    expect(() => p.setCapacity(65_536)).toThrow(E.EBUSY as never);
    expect(() => p.setCapacity(2 * 1024 * 1024)).toThrow(E.EPERM as never);
    expect(() => p.setCapacity(2 ** 31 + 1)).toThrow(E.EINVAL as never);
    expect(p.setCapacity(1024 * 1024)).toBe(1024 * 1024);
  });

  it('growing the ring wakes a writer waiting for room', () => {
    const { rf, w, write } = setup();
    write(w, bytes(PIPE_DEFAULT_SIZE));
    expect(write(w, bytes(10))).toBe(PARK);
    pipeOf(rf)!.setCapacity(2 * PIPE_DEFAULT_SIZE);
    expect(w.woken).toEqual([w.t]);
    expect(write(w, bytes(10))).toBe(10);
  });

  it('only pipe ends are pipes', () => {
    const fake = { ops: { seekable: true, stat: () => { throw E.EIO; } } } as unknown as OpenFile;
    expect(pipeOf(fake)).toBeUndefined();
  });
});
