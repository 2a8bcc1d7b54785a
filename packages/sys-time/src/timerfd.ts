import {
  CLOCK, E, type FileOps, full, type HostClock, O, OpenFile, type Process, type SyscallEntry, type Thread,
  WaitQueue,
} from '@kandelo/kernel-core';
import { readItimerspec, writeItimerspec } from './itimerspec.js';

const TFD = { NONBLOCK: O.NONBLOCK, CLOEXEC: O.CLOEXEC, TIMER_ABSTIME: 1, CANCEL_ON_SET: 2 } as const;
const ZERO = 0n;

interface TimerFd {
  clock: number;
  /** Expirations not yet read. */
  ticks: bigint;
  handle: ReturnType<typeof setTimeout> | undefined;
  deadline: bigint;
  interval: bigint;
  readers: WaitQueue;
  ino: number;
}

/** timerfd_create/settime/gettime: a file whose read returns the expirations since the last read. */
export function timerfdSyscalls(clock: HostClock): SyscallEntry[] {
  let nextIno = 1;
  const now = (tf: TimerFd) => (tf.clock === CLOCK.REALTIME ? clock.realtimeNs() : clock.monotonicNs());
  const ops: FileOps = {
    seekable: false,
    read(f: OpenFile, t: Thread, out: Uint8Array) {
      const tf = f.state as TimerFd;
      if (out.length < 8) throw E.EINVAL;
      if (tf.ticks === 0n) {
        if (f.flags & O.NONBLOCK) throw E.EAGAIN;
        return t.park(tf.readers);
      }
      new DataView(out.buffer, out.byteOffset, 8).setBigUint64(0, tf.ticks, true);
      tf.ticks = 0n;
      return 8;
    },
    stat: (f) => ({
      // An anonymous inode: permission bits only, no file type.
      dev: 13, ino: (f.state as TimerFd).ino, mode: 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0,
      blksize: 4096, blocks: 0, atimeNs: ZERO, mtimeNs: ZERO, ctimeNs: ZERO,
    }),
    ioctl: () => {
      throw E.ENOTTY;
    },
    release(f) {
      const tf = f.state as TimerFd;
      if (tf.handle) clearTimeout(tf.handle);
    },
  };
  const timerOf = (p: Process, fd: number): TimerFd => {
    const f = p.fds.get(fd);
    if (f.ops !== ops) throw E.EINVAL;
    return f.state as TimerFd;
  };
  const schedule = (tf: TimerFd) => {
    tf.handle = setTimeout(() => {
      tf.handle = undefined;
      // Host timers are millisecond-granular and may fire early: wait out the remainder.
      if (tf.deadline > now(tf)) return schedule(tf);
      tf.ticks++;
      if (tf.interval > 0n) {
        // Count periods missed while late, then wait for the next one.
        const n = now(tf);
        tf.deadline += tf.interval;
        while (tf.deadline <= n) {
          tf.deadline += tf.interval;
          tf.ticks++;
        }
        schedule(tf);
      }
      tf.readers.wakeAll();
    }, Math.max(0, Math.ceil(Number(tf.deadline - now(tf)) / 1e6)));
  };
  const writeIts = (t: Thread, ptr: number, tf: TimerFd) =>
    writeItimerspec(t.process.memory, ptr, tf.interval, tf.handle ? tf.deadline - now(tf) : undefined);
  return [
    full('timerfd_create', (t, clk, flags) => {
      if (clk !== CLOCK.REALTIME && clk !== CLOCK.MONOTONIC && clk !== CLOCK.BOOTTIME) throw E.EINVAL;
      if (flags & ~(TFD.NONBLOCK | TFD.CLOEXEC)) throw E.EINVAL;
      const tf: TimerFd = {
        clock: clk, ticks: 0n, handle: undefined, deadline: 0n, interval: 0n, readers: new WaitQueue(), ino: nextIno++,
      };
      const f = new OpenFile(ops, O.RDONLY | (flags & TFD.NONBLOCK), 'anon_inode:[timerfd]');
      f.state = tf;
      return t.process.fds.alloc(f, (flags & TFD.CLOEXEC) !== 0);
    }),
    full('timerfd_settime64', (t, fd, flags, newp, oldp) => {
      if (flags & ~(TFD.TIMER_ABSTIME | TFD.CANCEL_ON_SET)) throw E.EINVAL;
      const tf = timerOf(t.process, fd);
      const { value, interval } = readItimerspec(t.process.memory, newp);
      if (oldp) writeIts(t, oldp, tf);
      if (tf.handle) clearTimeout(tf.handle);
      tf.handle = undefined;
      tf.ticks = 0n;
      tf.interval = interval;
      if (value === 0n) return 0;
      tf.deadline = flags & TFD.TIMER_ABSTIME ? value : now(tf) + value;
      schedule(tf);
      return 0;
    }),
    full('timerfd_gettime64', (t, fd, curp) => {
      writeIts(t, curp, timerOf(t.process, fd));
      return 0;
    }),
  ];
}
