import { describe, expect, it } from 'vitest';
import {
  E, type FileStat, O, type OpenFile, PARK, POLL, type Process, S, type Thread,
} from '@kandelo/kernel-core';
import { fakeClock, testThread } from '@kandelo/kernel-core/testing';
import type { FileSystem, Inode } from '../vfs/inode.js';
import { FifoRegistry } from './fifo.js';
import { pipeOf } from './pipe-file.js';

const signals: number[] = [];
const kernel = { clock: fakeClock, signal: (_p: Process, sig: number) => void signals.push(sig) };

const fs = { dev: 77 } as FileSystem;
/** A FIFO node as a backend would hand it out (a fresh object per lookup, like some do). */
function fifoNode(ino: number): Inode {
  const st: FileStat = {
    dev: 77, ino, mode: S.IFIFO | 0o640, nlink: 1, uid: 1000, gid: 100, rdev: 0, size: 0, blksize: 4096, blocks: 0,
    atimeNs: 1n, mtimeNs: 2n, ctimeNs: 3n,
  };
  return { fs, ino, stat: () => st };
}

/** A thread whose wake-ups are recorded instead of scheduled. */
function thread(): Thread & { wakes: number } {
  const box = { wakes: 0 };
  const t = testThread({ pages: 4, scheduler: { runAgain: () => void box.wakes++ } }) as Thread & { wakes: number };
  Object.defineProperty(t, 'wakes', { get: () => box.wakes });
  return t;
}

const file = (r: OpenFile | typeof PARK): OpenFile => {
  expect(r).not.toBe(PARK);
  return r as OpenFile;
};

function read(f: OpenFile, t: Thread, n: number): Uint8Array | number {
  const out = new Uint8Array(n);
  const r = f.ops.read!(f, t, out, null);
  return r > 0 ? out.subarray(0, r) : r;
}

describe('FifoRegistry: opening', () => {
  it('O_RDONLY waits for a writer; the writer wakes it; the re-run counts the reader once', () => {
    const reg = new FifoRegistry(kernel);
    const rd = thread();
    const wr = thread();
    expect(reg.open(rd, fifoNode(1), O.RDONLY, '/p')).toBe(PARK);
    expect(rd.parked).toBe(true);
    // The waiting reader already counts (as in Linux), so the writer does not wait.
    expect(reg.pipe(fifoNode(1))!.readers).toBe(1);
    const w = file(reg.open(wr, fifoNode(1), O.WRONLY, '/p'));
    expect(rd.wakes).toBe(1);
    expect(rd.parked).toBe(false);
    const r = file(reg.open(rd, fifoNode(1), O.RDONLY, '/p'));
    const pipe = reg.pipe(fifoNode(1))!;
    expect([pipe.readers, pipe.writers]).toEqual([1, 1]);
    expect(rd.progress).toBeUndefined();
    expect(rd.parkCleanup).toBeUndefined();
    expect(r.state).toBe(pipe);
    expect(w.state).toBe(pipe);
  });

  it('O_WRONLY waits for a reader; a reader (even O_NONBLOCK) wakes it', () => {
    const reg = new FifoRegistry(kernel);
    const wr = thread();
    const rd = thread();
    expect(reg.open(wr, fifoNode(2), O.WRONLY, '/p')).toBe(PARK);
    expect(reg.open(wr, fifoNode(2), O.WRONLY, '/p')).toBe(PARK); // a spurious re-run waits on, counted once
    expect(reg.pipe(fifoNode(2))!.writers).toBe(1);
    file(reg.open(rd, fifoNode(2), O.RDONLY | O.NONBLOCK, '/p'));
    expect(wr.wakes).toBe(1);
    file(reg.open(wr, fifoNode(2), O.WRONLY, '/p'));
    const pipe = reg.pipe(fifoNode(2))!;
    expect([pipe.readers, pipe.writers]).toEqual([1, 1]);
  });

  it('a writer that came and went before the waiting reader re-ran still lets it through, to EOF', () => {
    const reg = new FifoRegistry(kernel);
    const rd = thread();
    const wr = thread();
    expect(reg.open(rd, fifoNode(3), O.RDONLY, '/p')).toBe(PARK);
    const w = file(reg.open(wr, fifoNode(3), O.WRONLY, '/p'));
    w.ops.write!(w, wr, new Uint8Array([1, 2, 3]), null);
    w.unref();
    const r = file(reg.open(rd, fifoNode(3), O.RDONLY, '/p'));
    expect(read(r, rd, 10)).toEqual(new Uint8Array([1, 2, 3]));
    expect(read(r, rd, 10)).toBe(0);
  });

  it('O_RDONLY | O_NONBLOCK opens at once; no POLLHUP until a writer has come and gone', () => {
    const reg = new FifoRegistry(kernel);
    const t = thread();
    const r = file(reg.open(t, fifoNode(4), O.RDONLY | O.NONBLOCK, '/p'));
    expect(read(r, t, 4)).toBe(0); // no writer: end of file, not EAGAIN
    expect(r.ops.poll!(r)).toBe(0);
    const w = file(reg.open(t, fifoNode(4), O.WRONLY, '/p'));
    expect(r.ops.poll!(r)).toBe(0);
    w.unref();
    expect(r.ops.poll!(r)).toBe(POLL.HUP);
  });

  it('O_WRONLY | O_NONBLOCK: ENXIO without a reader (leaving nothing behind), fine with a waiting one', () => {
    const reg = new FifoRegistry(kernel);
    const t = thread();
    expect(() => reg.open(t, fifoNode(5), O.WRONLY | O.NONBLOCK, '/p')).toThrow(E.ENXIO);
    expect(reg.pipe(fifoNode(5))).toBeUndefined();
    const rd = thread();
    expect(reg.open(rd, fifoNode(5), O.RDONLY, '/p')).toBe(PARK);
    const w = file(reg.open(t, fifoNode(5), O.WRONLY | O.NONBLOCK, '/p'));
    expect(rd.wakes).toBe(1);
    // The reader counts while it waits: the write goes in (no EPIPE), the reader gets it.
    expect(w.ops.write!(w, t, new Uint8Array([9]), null)).toBe(1);
    const r = file(reg.open(rd, fifoNode(5), O.RDONLY, '/p'));
    expect(read(r, rd, 4)).toEqual(new Uint8Array([9]));
  });

  it('O_RDWR never waits, holds both ends and wakes waiting openers', () => {
    const reg = new FifoRegistry(kernel);
    const wr = thread();
    const t = thread();
    expect(reg.open(wr, fifoNode(6), O.WRONLY, '/p')).toBe(PARK);
    const f = file(reg.open(t, fifoNode(6), O.RDWR, '/p'));
    expect(wr.wakes).toBe(1);
    const pipe = reg.pipe(fifoNode(6))!;
    expect([pipe.readers, pipe.writers]).toEqual([1, 2]);
    expect(f.ops.write!(f, t, new Uint8Array([4, 5]), null)).toBe(2);
    expect(read(f, t, 4)).toEqual(new Uint8Array([4, 5]));
    // Its own write end keeps an empty read waiting rather than at EOF.
    expect(f.ops.read!(f, t, new Uint8Array(1), null)).toBe(PARK);
  });

  it('an opener interrupted by a signal gives its count back; the FIFO is dropped', () => {
    const reg = new FifoRegistry(kernel);
    const rd = thread();
    expect(reg.open(rd, fifoNode(7), O.RDONLY, '/p')).toBe(PARK);
    // What the kernel does for a caught signal: unpark (runs parkCleanup), forget the progress.
    rd.unpark();
    rd.progress = undefined;
    expect(reg.pipe(fifoNode(7))).toBeUndefined();
    const t = thread();
    expect(() => reg.open(t, fifoNode(7), O.WRONLY | O.NONBLOCK, '/p')).toThrow(E.ENXIO);
  });

  it('a woken opener whose thread dies before its re-run gives its count back', () => {
    const reg = new FifoRegistry(kernel);
    const rd = thread();
    const wr = thread();
    expect(reg.open(rd, fifoNode(8), O.RDONLY, '/p')).toBe(PARK);
    const w = file(reg.open(wr, fifoNode(8), O.WRONLY, '/p'));
    expect(rd.wakes).toBe(1);
    rd.exited = true;
    rd.unpark(); // the kernel's thread exit
    expect(reg.pipe(fifoNode(8))!.readers).toBe(0);
    signals.length = 0;
    expect(() => w.ops.write!(w, wr, new Uint8Array(1), null)).toThrow(E.EPIPE);
    expect(signals).toEqual([13]);
  });

  it('a woken opener whose re-run failed before reaching the FIFO is pruned at the next open', () => {
    const reg = new FifoRegistry(kernel);
    const rd = thread();
    const wr = thread();
    expect(reg.open(rd, fifoNode(9), O.RDONLY, '/p')).toBe(PARK);
    file(reg.open(wr, fifoNode(9), O.WRONLY, '/p'));
    rd.progress = undefined; // the walk failed (ENOENT): the channel server cleared the progress
    expect(reg.pipe(fifoNode(9))!.readers).toBe(1);
    // The stale reader count goes: a non-blocking writer finds no reader.
    expect(() => reg.open(thread(), fifoNode(9), O.WRONLY | O.NONBLOCK, '/p')).toThrow(E.ENXIO);
    expect(reg.pipe(fifoNode(9))!.readers).toBe(0);
  });

  it('the pipe goes with the last end: unread data is discarded', () => {
    const reg = new FifoRegistry(kernel);
    const t = thread();
    const a = file(reg.open(t, fifoNode(10), O.RDWR, '/p'));
    const b = file(reg.open(t, fifoNode(10), O.RDONLY | O.NONBLOCK, '/p'));
    a.ops.write!(a, t, new Uint8Array([1, 2]), null);
    a.unref();
    expect(reg.pipe(fifoNode(10))).toBeDefined();
    b.unref();
    expect(reg.pipe(fifoNode(10))).toBeUndefined();
    const c = file(reg.open(t, fifoNode(10), O.RDWR | O.NONBLOCK, '/p'));
    expect(() => read(c, t, 4)).toThrow(E.EAGAIN);
  });

  it('descriptions show the FIFO inode in fstat, keep status flags only, and take pipe fcntls', () => {
    const hooks = { closed: 0, released: 0 };
    const reg = new FifoRegistry(kernel, { closed: () => void hooks.closed++, released: () => void hooks.released++ });
    const t = thread();
    const f = file(reg.open(t, fifoNode(11), O.RDWR | O.CREAT | O.CLOEXEC | O.NONBLOCK | O.TRUNC, '/tmp/p'));
    expect(f.flags).toBe(O.RDWR | O.NONBLOCK);
    expect(f.path).toBe('/tmp/p');
    expect(f.node).toBeDefined();
    const st = f.ops.stat(f);
    expect([st.dev, st.ino, st.mode, st.uid]).toEqual([77, 11, S.IFIFO | 0o640, 1000]);
    expect(pipeOf(f)).toBe(reg.pipe(fifoNode(11)));
    const fd = t.process.fds.alloc(f);
    t.process.fds.close(fd);
    expect(hooks).toEqual({ closed: 1, released: 1 });
  });

  it('other inodes are other FIFOs', () => {
    const reg = new FifoRegistry(kernel);
    const t = thread();
    file(reg.open(t, fifoNode(12), O.RDWR, '/a'));
    expect(reg.open(t, fifoNode(13), O.RDONLY, '/b')).toBe(PARK);
  });
});
