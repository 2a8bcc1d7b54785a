import { describe, expect, it } from 'vitest';
import { E, Errno, F, FLOCK, type FileOps, LOCK, LOCK_TYPE, O, OpenFile, PARK, S, type Thread } from '@kandelo/kernel-core';
import { testThread } from '@kandelo/kernel-core/testing';
import { fcntlLock } from './fcntl-lock.js';
import { flock } from './flock-syscall.js';
import { LockManager } from './lock-manager.js';

function world() {
  const locks = new LockManager();
  const woken: Thread[] = [];
  const ops: FileOps = {
    seekable: true,
    stat: () => ({
      dev: 9, ino: 0, mode: S.IFREG | 0o644, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 4096, blocks: 0,
      atimeNs: 0n, mtimeNs: 0n, ctimeNs: 0n,
    }),
    closed: (f, fds) => locks.closed(f, fds),
    release: (f) => locks.released(f),
  };
  const open = (ino = 1, flags: number = O.RDONLY): OpenFile => {
    const f = new OpenFile(ops, flags, `/file${ino}`);
    f.node = { fs: { dev: 9 }, ino };
    return f;
  };
  const proc = (pid: number): Thread => {
    const t = testThread({ scheduler: { runAgain: (x) => void woken.push(x) } });
    Object.defineProperty(t.process, 'pid', { value: pid });
    return t;
  };
  /** flock(2) as the handler will make it: -errno for a thrown sentinel, PARK kept. */
  const call = (t: Thread, f: OpenFile, op: number): number => {
    try {
      return flock(locks, t, f, op);
    } catch (err) {
      if (err instanceof Errno) return -err.code;
      throw err;
    }
  };
  return { locks, woken, open, proc, call };
}

const EAGAIN = -E.EAGAIN.code;

describe('flock', () => {
  it('shares LOCK_SH, excludes with LOCK_EX (EWOULDBLOCK under LOCK_NB)', () => {
    const { open, proc, call } = world();
    const a = proc(100), b = proc(200);
    const fa = open(), fb = open();
    expect(call(a, fa, LOCK.SH)).toBe(0);
    expect(call(b, fb, LOCK.SH | LOCK.NB)).toBe(0);
    expect(call(b, open(), LOCK.EX | LOCK.NB)).toBe(EAGAIN);
    expect(call(b, fb, LOCK.UN)).toBe(0);
    expect(call(b, fb, LOCK.EX | LOCK.NB)).toBe(EAGAIN);
    expect(call(b, open(2), LOCK.EX | LOCK.NB)).toBe(0);
  });

  it('two descriptions of one process conflict (the owner is the description)', () => {
    const { open, proc, call } = world();
    const a = proc(100);
    expect(call(a, open(), LOCK.EX)).toBe(0);
    expect(call(a, open(), LOCK.SH | LOCK.NB)).toBe(EAGAIN);
  });

  it('a blocking LOCK_EX parks until LOCK_UN, then succeeds when run again', () => {
    const { open, proc, call, woken } = world();
    const a = proc(100), b = proc(200);
    const fa = open(), fb = open();
    expect(call(a, fa, LOCK.EX)).toBe(0);
    expect(call(b, fb, LOCK.SH)).toBe(PARK);
    expect(call(a, fa, LOCK.EX)).toBe(0); // already held: no change, no wake-up
    expect(woken).toEqual([]);
    expect(call(a, fa, LOCK.UN)).toBe(0);
    expect(woken).toEqual([b]);
    expect(call(b, fb, LOCK.SH)).toBe(0);
  });

  it('is shared by dup and fork: any holder of the description can unlock it', () => {
    const { open, proc, call } = world();
    const a = proc(100), b = proc(200);
    const f = open();
    a.process.fds.alloc(f);
    a.process.fds.alloc(f.ref());
    const child = proc(101);
    child.process.fds = a.process.fds.clone();
    expect(call(a, f, LOCK.EX)).toBe(0);
    expect(call(child, f, LOCK.EX | LOCK.NB)).toBe(0); // the same lock
    expect(call(b, open(), LOCK.SH | LOCK.NB)).toBe(EAGAIN);
    expect(call(child, f, LOCK.UN)).toBe(0);
    expect(call(b, open(), LOCK.SH | LOCK.NB)).toBe(0);
  });

  it('is released on the last close of the description, not before', () => {
    const { locks, open, proc, call, woken } = world();
    const a = proc(100), b = proc(200);
    const f = open();
    const fd = a.process.fds.alloc(f);
    const dupFd = a.process.fds.alloc(f.ref());
    const child = proc(101);
    child.process.fds = a.process.fds.clone();
    expect(call(a, f, LOCK.EX)).toBe(0);
    const fb = open();
    expect(call(b, fb, LOCK.EX)).toBe(PARK);
    a.process.fds.close(fd);
    a.process.fds.close(dupFd);
    expect(woken).toEqual([]);
    child.process.fds.closeAll();
    expect(woken).toEqual([b]);
    expect(call(b, fb, LOCK.EX)).toBe(0);
    expect(call(b, fb, LOCK.UN)).toBe(0);
    expect(locks.trackedFiles).toBe(0);
  });

  it('converts between shared and exclusive; a downgrade wakes shared waiters', () => {
    const { open, proc, call, woken } = world();
    const a = proc(100), b = proc(200);
    const fa = open(), fb = open();
    expect(call(a, fa, LOCK.SH)).toBe(0);
    expect(call(a, fa, LOCK.EX | LOCK.NB)).toBe(0);
    expect(call(b, fb, LOCK.SH)).toBe(PARK);
    expect(call(a, fa, LOCK.SH)).toBe(0);
    expect(woken).toEqual([b]);
    expect(call(b, fb, LOCK.SH)).toBe(0);
  });

  it('a conversion is not atomic: a refused LOCK_NB upgrade has dropped the shared lock (as Linux)', () => {
    const { open, proc, call, woken } = world();
    const a = proc(100), b = proc(200), c = proc(300);
    const fa = open(), fb = open(), fc = open();
    expect(call(a, fa, LOCK.SH)).toBe(0);
    expect(call(b, fb, LOCK.SH)).toBe(0);
    expect(call(c, fc, LOCK.EX)).toBe(PARK);
    expect(call(a, fa, LOCK.EX | LOCK.NB)).toBe(EAGAIN);
    expect(woken).toEqual([c]); // A's shared lock went
    expect(call(b, fb, LOCK.UN)).toBe(0);
    expect(call(c, fc, LOCK.EX)).toBe(0);
  });

  it('two blocking upgrades do not deadlock: the second gets the lock', () => {
    const { open, proc, call, woken } = world();
    const a = proc(100), b = proc(200);
    const fa = open(), fb = open();
    expect(call(a, fa, LOCK.SH)).toBe(0);
    expect(call(b, fb, LOCK.SH)).toBe(0);
    expect(call(a, fa, LOCK.EX)).toBe(PARK);
    // B's conversion drops B's shared lock first, so nothing stops it (A holds nothing now).
    expect(call(b, fb, LOCK.EX)).toBe(0);
    expect(call(b, fb, LOCK.UN)).toBe(0);
    expect(woken).toEqual([a]);
    expect(call(a, fa, LOCK.EX)).toBe(0);
  });

  it('is a lock space apart from fcntl record locks', () => {
    const { locks, open, proc, call } = world();
    const a = proc(100), b = proc(200);
    expect(call(a, open(1, O.RDWR), LOCK.EX)).toBe(0);
    const m = b.process.memory;
    m.setU16(4096 + FLOCK.l_type, LOCK_TYPE.WRLCK);
    m.setU16(4096 + FLOCK.l_whence, 0);
    m.setI64(4096 + FLOCK.l_start, 0n);
    m.setI64(4096 + FLOCK.l_len, 0n);
    expect(fcntlLock(locks, b, open(1, O.RDWR), F.SETLK, 4096)).toBe(0);
  });

  it('rejects unknown operations (EINVAL) and O_PATH descriptors (EBADF); ignores LOCK_MAND', () => {
    const { open, proc, call } = world();
    const a = proc(100);
    expect(call(a, open(), 0)).toBe(-E.EINVAL.code);
    expect(call(a, open(), LOCK.SH | LOCK.EX)).toBe(-E.EINVAL.code);
    expect(call(a, open(), LOCK.NB)).toBe(-E.EINVAL.code);
    expect(call(a, open(1, O.PATH), LOCK.SH)).toBe(-E.EBADF.code);
    expect(call(a, open(), 32 | LOCK.EX)).toBe(0);
    // No access mode is needed: a write-only description may take a shared lock.
    expect(call(a, open(1, O.WRONLY), LOCK.SH)).toBe(0);
  });

  it('an interrupted waiter leaves nothing behind', () => {
    const { locks, open, proc, call } = world();
    const a = proc(100), b = proc(200);
    const fa = open();
    expect(call(a, fa, LOCK.EX)).toBe(0);
    expect(call(b, open(), LOCK.EX)).toBe(PARK);
    b.unpark();
    expect(call(a, fa, LOCK.UN)).toBe(0);
    expect(locks.trackedFiles).toBe(0);
  });
});
