import { describe, expect, it } from 'vitest';
import {
  E, Errno, F, FLOCK, type FileOps, LOCK_TYPE, O, OpenFile, PARK, S, SEEK, Thread,
} from '@kandelo/kernel-core';
import { testThread } from '@kandelo/kernel-core/testing';
import { fcntlLock } from './fcntl-lock.js';
import { LockManager } from './lock-manager.js';
import { formatProcLocks } from './proc-locks.js';

const { RDLCK: RD, WRLCK: WR, UNLCK: UN } = LOCK_TYPE;
const ARG = 4096; // struct flock in each process's memory
const EOF = 0n;

interface Flock {
  type: number;
  whence?: number;
  start?: bigint;
  len?: bigint;
  pid?: number;
}

/** A kernel's worth of state: the manager, files wired to it as the VFS will, and processes. */
function world() {
  const locks = new LockManager();
  const woken: Thread[] = [];
  const ops = (size: number): FileOps => ({
    seekable: true,
    stat: () => ({
      dev: 0x802, ino: 0, mode: S.IFREG | 0o644, nlink: 1, uid: 0, gid: 0, rdev: 0, size, blksize: 4096, blocks: 0,
      atimeNs: 0n, mtimeNs: 0n, ctimeNs: 0n,
    }),
    closed: (f, fds) => locks.closed(f, fds),
    release: (f) => locks.released(f),
  });
  /** A new description of file `ino` (each open gets its own inode object, as some backends do). */
  const open = (ino: number, flags: number = O.RDWR, size = 1000): OpenFile => {
    const f = new OpenFile(ops(size), flags, `/file${ino}`);
    f.node = { fs: { dev: 0x802 }, ino };
    return f;
  };
  const proc = (pid: number): Thread => {
    const t = testThread({ scheduler: { runAgain: (x) => void woken.push(x) } });
    Object.defineProperty(t.process, 'pid', { value: pid });
    return t;
  };
  return { locks, woken, open, proc };
}

/** fcntl64(fd, cmd, &lock) as the handler will make it: -errno for a thrown sentinel, PARK kept. */
function fcntl(locks: LockManager, t: Thread, f: OpenFile, cmd: number, l: Flock): number {
  const m = t.process.memory;
  m.setU16(ARG + FLOCK.l_type, l.type);
  m.setU16(ARG + FLOCK.l_whence, l.whence ?? SEEK.SET);
  m.setI64(ARG + FLOCK.l_start, l.start ?? 0n);
  m.setI64(ARG + FLOCK.l_len, l.len ?? EOF);
  m.setI32(ARG + FLOCK.l_pid, l.pid ?? 0);
  try {
    return fcntlLock(locks, t, f, cmd, ARG);
  } catch (err) {
    if (err instanceof Errno) return -err.code;
    throw err;
  }
}

const result = (t: Thread) => {
  const m = t.process.memory;
  return {
    type: m.u16(ARG + FLOCK.l_type), whence: m.u16(ARG + FLOCK.l_whence), start: m.i64(ARG + FLOCK.l_start),
    len: m.i64(ARG + FLOCK.l_len), pid: m.i32at(ARG + FLOCK.l_pid),
  };
};

describe('fcntl record locks (POSIX)', () => {
  it('F_GETLK reports the conflicting lock with its pid, or F_UNLCK', () => {
    const { locks, open, proc } = world();
    const a = proc(100), b = proc(200);
    const fa = open(1), fb = open(1);
    expect(fcntl(locks, a, fa, F.SETLK, { type: WR, start: 10n, len: 5n })).toBe(0);

    expect(fcntl(locks, b, fb, F.GETLK, { type: RD, whence: SEEK.CUR, start: 0n, len: 100n })).toBe(0);
    expect(result(b)).toEqual({ type: WR, whence: SEEK.SET, start: 10n, len: 5n, pid: 100 });

    // No conflict: only l_type changes.
    expect(fcntl(locks, b, fb, F.GETLK, { type: WR, start: 15n, len: 0n, pid: 77 })).toBe(0);
    expect(result(b)).toEqual({ type: UN, whence: SEEK.SET, start: 15n, len: 0n, pid: 77 });
    // The owner itself never conflicts with its own locks.
    expect(fcntl(locks, a, fa, F.GETLK, { type: WR })).toBe(0);
    expect(result(a).type).toBe(UN);
  });

  it('F_GETLK picks the lowest conflicting lock and reports "to EOF" as l_len 0', () => {
    const { locks, open, proc } = world();
    const a = proc(100), b = proc(200), c = proc(300);
    expect(fcntl(locks, a, open(1), F.SETLK, { type: RD, start: 500n })).toBe(0);
    expect(fcntl(locks, b, open(1), F.SETLK, { type: WR, start: 100n, len: 10n })).toBe(0);
    expect(fcntl(locks, c, open(1), F.GETLK, { type: WR, start: 0n })).toBe(0);
    expect(result(c)).toMatchObject({ type: WR, start: 100n, len: 10n, pid: 200 });
    expect(fcntl(locks, c, open(1), F.GETLK, { type: WR, start: 200n })).toBe(0);
    expect(result(c)).toMatchObject({ type: RD, start: 500n, len: 0n, pid: 100 });
  });

  it('lets readers share and keeps writers out (EAGAIN)', () => {
    const { locks, open, proc } = world();
    const a = proc(100), b = proc(200);
    const fa = open(1), fb = open(1);
    expect(fcntl(locks, a, fa, F.SETLK, { type: RD })).toBe(0);
    expect(fcntl(locks, b, fb, F.SETLK, { type: RD })).toBe(0);
    expect(fcntl(locks, b, fb, F.SETLK, { type: WR, start: 0n, len: 1n })).toBe(-E.EAGAIN.code);
    // Different files do not interfere.
    expect(fcntl(locks, b, open(2), F.SETLK, { type: WR })).toBe(0);
  });

  it('upgrades and downgrades atomically: a refused upgrade keeps the read lock', () => {
    const { locks, open, proc } = world();
    const a = proc(100), b = proc(200);
    const fa = open(1), fb = open(1);
    expect(fcntl(locks, a, fa, F.SETLK, { type: RD, start: 0n, len: 100n })).toBe(0);
    expect(fcntl(locks, b, fb, F.SETLK, { type: RD, start: 50n, len: 10n })).toBe(0);
    expect(fcntl(locks, a, fa, F.SETLK, { type: WR, start: 0n, len: 100n })).toBe(-E.EAGAIN.code);
    // Still a reader over the whole range: B cannot write anywhere in it.
    expect(fcntl(locks, b, fb, F.GETLK, { type: WR, start: 0n, len: 10n })).toBe(0);
    expect(result(b)).toMatchObject({ type: RD, start: 0n, len: 100n, pid: 100 });
    // Upgrading the part B does not hold works and splits A's lock.
    expect(fcntl(locks, a, fa, F.SETLK, { type: WR, start: 0n, len: 50n })).toBe(0);
    expect(fcntl(locks, b, fb, F.GETLK, { type: RD, start: 0n, len: 0n })).toBe(0);
    expect(result(b)).toMatchObject({ type: WR, start: 0n, len: 50n });
    // Downgrade: B can read again.
    expect(fcntl(locks, a, fa, F.SETLK, { type: RD, start: 0n, len: 50n })).toBe(0);
    expect(fcntl(locks, b, fb, F.SETLK, { type: RD, start: 0n, len: 100n })).toBe(0);
  });

  it('unlocking splits a range', () => {
    const { locks, open, proc } = world();
    const a = proc(100), b = proc(200);
    const fa = open(1), fb = open(1);
    expect(fcntl(locks, a, fa, F.SETLK, { type: WR, start: 0n, len: 0n })).toBe(0);
    expect(fcntl(locks, a, fa, F.SETLK, { type: UN, start: 10n, len: 10n })).toBe(0);
    expect(fcntl(locks, b, fb, F.SETLK, { type: WR, start: 10n, len: 10n })).toBe(0);
    expect(fcntl(locks, b, fb, F.SETLK, { type: WR, start: 9n, len: 1n })).toBe(-E.EAGAIN.code);
    expect(fcntl(locks, b, fb, F.GETLK, { type: WR, start: 20n, len: 1n })).toBe(0);
    expect(result(b)).toMatchObject({ type: WR, start: 20n, len: 0n, pid: 100 });
  });

  it('resolves SEEK_CUR against the description offset and SEEK_END against the size', () => {
    const { locks, open, proc } = world();
    const a = proc(100), b = proc(200);
    const fa = open(1, O.RDWR, 4000);
    fa.offset = 300;
    expect(fcntl(locks, a, fa, F.SETLK, { type: WR, whence: SEEK.CUR, start: 5n, len: -5n })).toBe(0);
    expect(fcntl(locks, a, fa, F.SETLK, { type: WR, whence: SEEK.END, start: -1n, len: 1n })).toBe(0);
    expect(fcntl(locks, b, open(1), F.GETLK, { type: RD, start: 0n })).toBe(0);
    expect(result(b)).toMatchObject({ start: 300n, len: 5n });
    expect(fcntl(locks, b, open(1), F.GETLK, { type: RD, start: 306n })).toBe(0);
    expect(result(b)).toMatchObject({ start: 3999n, len: 1n });
  });

  it('F_SETLKW parks, is woken by the unlock and succeeds when run again', () => {
    const { locks, woken, open, proc } = world();
    const a = proc(100), b = proc(200);
    const fa = open(1), fb = open(1);
    expect(fcntl(locks, a, fa, F.SETLK, { type: WR, start: 0n, len: 10n })).toBe(0);
    expect(fcntl(locks, b, fb, F.SETLKW, { type: RD, start: 5n, len: 1n })).toBe(PARK);
    expect(b.parked).toBe(true);
    // An unrelated range changes nothing for B.
    expect(fcntl(locks, a, fa, F.SETLK, { type: WR, start: 20n, len: 10n })).toBe(0);
    expect(woken).toEqual([]);
    expect(fcntl(locks, a, fa, F.SETLK, { type: UN, start: 0n, len: 10n })).toBe(0);
    expect(woken).toEqual([b]);
    expect(b.parked).toBe(false);
    expect(fcntl(locks, b, fb, F.SETLKW, { type: RD, start: 5n, len: 1n })).toBe(0);
  });

  it('a downgrade wakes waiting readers', () => {
    const { locks, woken, open, proc } = world();
    const a = proc(100), b = proc(200);
    const fa = open(1), fb = open(1);
    expect(fcntl(locks, a, fa, F.SETLK, { type: WR })).toBe(0);
    expect(fcntl(locks, b, fb, F.SETLKW, { type: RD })).toBe(PARK);
    expect(fcntl(locks, a, fa, F.SETLK, { type: RD })).toBe(0);
    expect(woken).toEqual([b]);
    expect(fcntl(locks, b, fb, F.SETLKW, { type: RD })).toBe(0);
  });

  it('a waiter woken into a still-held lock parks again', () => {
    const { locks, woken, open, proc } = world();
    const a = proc(100), b = proc(200), c = proc(300);
    const fa = open(1), fb = open(1), fc = open(1);
    expect(fcntl(locks, a, fa, F.SETLK, { type: RD })).toBe(0);
    expect(fcntl(locks, c, fc, F.SETLK, { type: RD })).toBe(0);
    expect(fcntl(locks, b, fb, F.SETLKW, { type: WR })).toBe(PARK);
    expect(fcntl(locks, a, fa, F.SETLK, { type: UN })).toBe(0);
    expect(woken).toEqual([b]);
    expect(fcntl(locks, b, fb, F.SETLKW, { type: WR })).toBe(PARK);
    expect(fcntl(locks, c, fc, F.SETLK, { type: UN })).toBe(0);
    expect(fcntl(locks, b, fb, F.SETLKW, { type: WR })).toBe(0);
  });

  it('EDEADLK when waiting would close a cycle between two processes', () => {
    const { locks, open, proc } = world();
    const a = proc(100), b = proc(200);
    const fa = open(1), fb = open(1);
    expect(fcntl(locks, a, fa, F.SETLK, { type: WR, start: 0n, len: 10n })).toBe(0);
    expect(fcntl(locks, b, fb, F.SETLK, { type: WR, start: 10n, len: 10n })).toBe(0);
    expect(fcntl(locks, a, fa, F.SETLKW, { type: WR, start: 10n, len: 10n })).toBe(PARK);
    expect(fcntl(locks, b, fb, F.SETLKW, { type: WR, start: 0n, len: 10n })).toBe(-E.EDEADLK.code);
    // F_SETLK never waits, so it cannot deadlock.
    expect(fcntl(locks, b, fb, F.SETLK, { type: WR, start: 0n, len: 10n })).toBe(-E.EAGAIN.code);
    // Once A stops waiting (a signal interrupts it), B may wait.
    a.unpark();
    expect(fcntl(locks, b, fb, F.SETLKW, { type: WR, start: 0n, len: 10n })).toBe(PARK);
  });

  it('EDEADLK across files and through a third process', () => {
    const { locks, open, proc } = world();
    const a = proc(100), b = proc(200), c = proc(300);
    expect(fcntl(locks, a, open(1), F.SETLK, { type: WR })).toBe(0);
    expect(fcntl(locks, b, open(2), F.SETLK, { type: WR })).toBe(0);
    expect(fcntl(locks, c, open(3), F.SETLK, { type: WR })).toBe(0);
    expect(fcntl(locks, a, open(2), F.SETLKW, { type: RD })).toBe(PARK); // A waits for B
    expect(fcntl(locks, b, open(3), F.SETLKW, { type: RD })).toBe(PARK); // B waits for C
    expect(fcntl(locks, c, open(1), F.SETLKW, { type: RD })).toBe(-E.EDEADLK.code);
  });

  it('any close of the file by the owner releases its locks; another process closing does not', () => {
    const { locks, woken, open, proc } = world();
    const a = proc(100), b = proc(200);
    const f1 = open(1), f2 = open(1);
    const fd1 = a.process.fds.alloc(f1);
    const fd2 = a.process.fds.alloc(f2);
    expect(fcntl(locks, a, f1, F.SETLK, { type: WR })).toBe(0);

    // A child (fork) shares the descriptions but not the locks; its closes release nothing.
    const child = proc(101);
    child.process.fds = a.process.fds.clone();
    expect(fcntl(locks, child, f1, F.SETLK, { type: RD })).toBe(-E.EAGAIN.code);
    child.process.fds.closeAll();
    const fb = open(1);
    expect(fcntl(locks, b, fb, F.SETLKW, { type: RD })).toBe(PARK);
    expect(woken).toEqual([]);

    // A closes the *other* description of the same file: the lock taken through fd1 goes.
    a.process.fds.close(fd2);
    expect(woken).toEqual([b]);
    expect(fcntl(locks, b, fb, F.SETLKW, { type: RD })).toBe(0);
    expect(a.process.fds.has(fd1)).toBe(true);
  });

  it('exit (closeAll) releases everything and leaves no state behind', () => {
    const { locks, open, proc } = world();
    const a = proc(100), b = proc(200);
    const f = open(1);
    a.process.fds.alloc(f);
    a.process.fds.alloc(open(2));
    expect(fcntl(locks, a, f, F.SETLK, { type: WR, start: 0n, len: 5n })).toBe(0);
    expect(fcntl(locks, a, open(2), F.SETLK, { type: WR })).toBe(0);
    a.process.fds.closeAll();
    expect(fcntl(locks, b, open(1), F.SETLK, { type: WR })).toBe(0);
    expect(fcntl(locks, b, open(2), F.SETLK, { type: WR })).toBe(0);
    expect(fcntl(locks, b, open(1), F.SETLK, { type: UN })).toBe(0);
    expect(fcntl(locks, b, open(2), F.SETLK, { type: UN })).toBe(0);
    expect(locks.trackedFiles).toBe(0);
  });

  it('threads of a process are one owner', () => {
    const { locks, open, proc } = world();
    const t1 = proc(100);
    const t2 = new Thread(101, t1.process, 2048, { runAgain: () => {} });
    const f = open(1);
    expect(fcntl(locks, t1, f, F.SETLK, { type: WR })).toBe(0);
    expect(fcntl(locks, t2, f, F.SETLK, { type: WR, start: 3n })).toBe(0);
    expect(fcntl(locks, t2, f, F.SETLK, { type: UN })).toBe(0);
    expect(locks.trackedFiles).toBe(0);
  });

  it('an interrupted waiter leaves nothing behind', () => {
    const { locks, open, proc } = world();
    const a = proc(100), b = proc(200);
    const fa = open(1);
    expect(fcntl(locks, a, fa, F.SETLK, { type: WR })).toBe(0);
    expect(fcntl(locks, b, open(1), F.SETLKW, { type: WR })).toBe(PARK);
    b.unpark();
    expect(fcntl(locks, a, fa, F.SETLK, { type: UN })).toBe(0);
    expect(locks.trackedFiles).toBe(0);
  });

  it('checks the access mode (EBADF) and the request (EINVAL, EOVERFLOW)', () => {
    const { locks, open, proc } = world();
    const a = proc(100);
    const ro = open(1, O.RDONLY), wo = open(1, O.WRONLY);
    expect(fcntl(locks, a, ro, F.SETLK, { type: WR })).toBe(-E.EBADF.code);
    expect(fcntl(locks, a, wo, F.SETLKW, { type: RD })).toBe(-E.EBADF.code);
    expect(fcntl(locks, a, ro, F.OFD_SETLK, { type: WR })).toBe(-E.EBADF.code);
    expect(fcntl(locks, a, ro, F.SETLK, { type: RD })).toBe(0);
    expect(fcntl(locks, a, wo, F.SETLK, { type: UN })).toBe(0);
    expect(fcntl(locks, a, wo, F.SETLK, { type: WR })).toBe(0);
    // F_GETLK needs no access mode.
    expect(fcntl(locks, a, ro, F.GETLK, { type: WR })).toBe(0);
    expect(fcntl(locks, a, open(1, O.PATH), F.SETLK, { type: RD })).toBe(-E.EBADF.code);

    expect(fcntl(locks, a, ro, F.SETLK, { type: 3 })).toBe(-E.EINVAL.code);
    expect(fcntl(locks, a, ro, F.GETLK, { type: UN })).toBe(-E.EINVAL.code);
    expect(fcntl(locks, a, ro, F.SETLK, { type: RD, whence: 3 })).toBe(-E.EINVAL.code);
    expect(fcntl(locks, a, ro, F.SETLK, { type: RD, start: -1n })).toBe(-E.EINVAL.code);
    expect(fcntl(locks, a, ro, F.SETLK, { type: RD, start: 4n, len: -5n })).toBe(-E.EINVAL.code);
    expect(fcntl(locks, a, ro, F.SETLK, { type: RD, start: (1n << 62n) + 1n, len: 1n << 62n })).toBe(-E.EOVERFLOW.code);
    expect(fcntl(locks, a, ro, F.GETFD, { type: RD })).toBe(-E.EINVAL.code);
  });

  it('keys locks by (dev, ino), not by inode object', () => {
    const { locks, open, proc } = world();
    const a = proc(100), b = proc(200);
    expect(fcntl(locks, a, open(1), F.SETLK, { type: WR })).toBe(0);
    expect(fcntl(locks, b, open(1), F.SETLK, { type: WR })).toBe(-E.EAGAIN.code);
  });
});

describe('open file description locks', () => {
  it('requires l_pid 0 (EINVAL)', () => {
    const { locks, open, proc } = world();
    const a = proc(100);
    expect(fcntl(locks, a, open(1), F.OFD_SETLK, { type: RD, pid: 100 })).toBe(-E.EINVAL.code);
    expect(fcntl(locks, a, open(1), F.OFD_GETLK, { type: RD, pid: -1 })).toBe(-E.EINVAL.code);
  });

  it('checks the access mode before l_pid, as Linux', () => {
    const { locks, open, proc } = world();
    const a = proc(100);
    expect(fcntl(locks, a, open(1, O.RDONLY), F.OFD_SETLK, { type: WR, pid: 5 })).toBe(-E.EBADF.code);
  });

  it('F_OFD_GETLK with F_UNLCK reports the description\'s own lock (Linux 6.6+)', () => {
    const { locks, open, proc } = world();
    const a = proc(100);
    const f = open(1);
    expect(fcntl(locks, a, f, F.OFD_SETLK, { type: RD, start: 50n, len: 10n })).toBe(0);
    expect(fcntl(locks, a, f, F.OFD_GETLK, { type: UN, start: 0n, len: 55n })).toBe(0);
    expect(result(a)).toEqual({ type: RD, whence: SEEK.SET, start: 50n, len: 10n, pid: -1 });
    expect(fcntl(locks, a, open(1), F.OFD_GETLK, { type: UN })).toBe(0);
    expect(result(a).type).toBe(UN);
    expect(fcntl(locks, a, f, F.OFD_GETLK, { type: 3 })).toBe(-E.EINVAL.code);
  });

  it('reports l_pid -1, and conflicts with POSIX locks of the same process', () => {
    const { locks, open, proc } = world();
    const a = proc(100);
    const f1 = open(1), f2 = open(1);
    expect(fcntl(locks, a, f1, F.OFD_SETLK, { type: WR, start: 0n, len: 10n })).toBe(0);
    expect(fcntl(locks, a, f1, F.SETLK, { type: RD, start: 5n, len: 1n })).toBe(-E.EAGAIN.code);
    expect(fcntl(locks, a, f1, F.GETLK, { type: RD })).toBe(0);
    expect(result(a)).toEqual({ type: WR, whence: SEEK.SET, start: 0n, len: 10n, pid: -1 });
    // Another description of the same file in the same process is another owner.
    expect(fcntl(locks, a, f2, F.OFD_SETLK, { type: RD, start: 0n, len: 1n })).toBe(-E.EAGAIN.code);
    // A POSIX lock seen through F_OFD_GETLK shows its process.
    expect(fcntl(locks, a, f2, F.SETLK, { type: RD, start: 20n, len: 1n })).toBe(0);
    expect(fcntl(locks, a, f2, F.OFD_GETLK, { type: WR, start: 15n })).toBe(0);
    expect(result(a)).toEqual({ type: RD, whence: SEEK.SET, start: 20n, len: 1n, pid: 100 });
  });

  it('belongs to the description: shared across dup and fork, kept until the last close', () => {
    const { locks, woken, open, proc } = world();
    const a = proc(100), b = proc(200);
    const f = open(1);
    const fd = a.process.fds.alloc(f);
    const dupFd = a.process.fds.alloc(f.ref());
    expect(fcntl(locks, a, f, F.OFD_SETLK, { type: WR })).toBe(0);
    const child = proc(101);
    child.process.fds = a.process.fds.clone();
    // The child's requests through the inherited description are the same owner's.
    expect(fcntl(locks, child, f, F.OFD_SETLK, { type: WR, start: 0n, len: 100n })).toBe(0);
    expect(fcntl(locks, child, f, F.OFD_GETLK, { type: WR })).toBe(0);
    expect(result(child).type).toBe(UN);

    const fb = open(1);
    expect(fcntl(locks, b, fb, F.OFD_SETLKW, { type: WR })).toBe(PARK);
    // Closes that leave a reference keep the lock (unlike POSIX locks).
    a.process.fds.close(fd);
    child.process.fds.closeAll();
    expect(woken).toEqual([]);
    a.process.fds.close(dupFd);
    expect(woken).toEqual([b]);
    expect(fcntl(locks, b, fb, F.OFD_SETLKW, { type: WR })).toBe(0);
  });

  it('OFD waiters do not take part in deadlock detection', () => {
    const { locks, open, proc } = world();
    const a = proc(100);
    const f1 = open(1), f2 = open(1);
    expect(fcntl(locks, a, f1, F.OFD_SETLK, { type: WR, start: 0n, len: 1n })).toBe(0);
    expect(fcntl(locks, a, f2, F.OFD_SETLK, { type: WR, start: 1n, len: 1n })).toBe(0);
    expect(fcntl(locks, a, f1, F.OFD_SETLKW, { type: WR, start: 1n, len: 1n })).toBe(PARK);
    const t2 = new Thread(102, a.process, 2048, { runAgain: () => {} });
    expect(fcntl(locks, t2, f2, F.OFD_SETLKW, { type: WR, start: 0n, len: 1n })).toBe(PARK);
  });
});

describe('/proc/locks', () => {
  it('lists record and flock locks as Linux prints them', () => {
    const { locks, open, proc } = world();
    const a = proc(100);
    expect(fcntl(locks, a, open(1), F.SETLK, { type: WR, start: 0n, len: 0n })).toBe(0);
    expect(fcntl(locks, a, open(2), F.OFD_SETLK, { type: RD, start: 128n, len: 64n })).toBe(0);
    expect(locks.flock(a, open(3), RD, false)).toBe(0);
    expect(formatProcLocks(locks.entries())).toBe(
      '1: POSIX  ADVISORY  WRITE 100 08:02:1 0 EOF\n' +
      '2: OFDLCK ADVISORY  READ  -1 08:02:2 128 191\n' +
      '3: FLOCK  ADVISORY  READ  100 08:02:3 0 EOF\n',
    );
  });
});
