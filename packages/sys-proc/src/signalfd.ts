import {
  E, type FileOps, type FileStat, full, O, OpenFile, POLL, SFD, SI, type SigInfo, SIGNALFD_SIGINFO, SIGNALS,
  SIGSET_SIZE, signalsIn, type SyscallEntry, takeSignal, type Thread, UNBLOCKABLE,
} from '@kandelo/kernel-core';

/** A signalfd's open file description: the signals it reports. */
interface SignalFd {
  mask: bigint;
  readonly ino: number;
}

const RECORD = SIGNALFD_SIGINFO.size;
const L = SIGNALFD_SIGINFO;
const ZERO = 0n;

/**
 * The signal in `mask` a signalfd read by `t` takes next: the lowest of the thread's own
 * (thread-directed) pending signals, then the lowest of the process's, as Linux's dequeue_signal.
 * 0 when none is pending.
 */
export function nextSignalFor(t: Thread, mask: bigint): number {
  const own = t.pendingSignals & mask;
  const set = own !== 0n ? own : t.process.signals.pending & mask;
  return set === 0n ? 0 : signalsIn(set)[0]!;
}

/**
 * Writes one struct signalfd_siginfo (zeroed first) for signal `sig` with siginfo `info` at the
 * start of `out`, filling the fields Linux's signalfd_copyinfo fills for the siginfo's layout:
 * a timer's id, overrun and value; a queued (negative si_code) signal's sender and value; a
 * child's pid, uid and status; otherwise the sender's pid and uid.
 */
export function writeSignalfdSiginfo(out: Uint8Array, sig: number, info: SigInfo): void {
  out.fill(0, 0, RECORD);
  const dv = new DataView(out.buffer, out.byteOffset, RECORD);
  dv.setUint32(L.ssi_signo, sig, true);
  dv.setInt32(L.ssi_code, info.code, true);
  if (info.code === SI.TIMER) {
    // The kernel's timer siginfo carries the timer id in pid, the overrun in uid (see sys-time).
    dv.setUint32(L.ssi_tid, info.pid, true);
    dv.setUint32(L.ssi_overrun, info.uid, true);
    dv.setInt32(L.ssi_int, info.status, true);
    dv.setBigUint64(L.ssi_ptr, BigInt(info.status >>> 0), true);
    return;
  }
  dv.setUint32(L.ssi_pid, info.pid, true);
  dv.setUint32(L.ssi_uid, info.uid, true);
  if (info.code < 0) {
    // SI_QUEUE, SI_TKILL, SI_MESGQ...: si_value (sigqueue's) is in status.
    dv.setInt32(L.ssi_int, info.status, true);
    dv.setBigUint64(L.ssi_ptr, BigInt(info.status >>> 0), true);
  } else if (sig === SIGNALS.SIGCHLD && info.code > 0 && info.code < SI.KERNEL) {
    dv.setInt32(L.ssi_status, info.status, true);
  }
}

/**
 * The signalfd file: a read takes pending signals in its mask (as many records as fit) from the
 * reading thread and its process, parking until one is pending (EAGAIN with O_NONBLOCK); poll
 * reports POLLIN while one is. Like Linux, it is the caller's pending signals that count, not the
 * creator's: a signalfd inherited across fork reads the child's.
 */
export const signalfdOps: FileOps = {
  seekable: false,
  read(f: OpenFile, t: Thread, out: Uint8Array): number {
    const sfd = f.state as SignalFd;
    const n = Math.floor(out.length / RECORD);
    if (n === 0) throw E.EINVAL;
    let done = 0;
    while (done < n) {
      const sig = nextSignalFor(t, sfd.mask);
      if (!sig) break;
      writeSignalfdSiginfo(out.subarray(done * RECORD), sig, takeSignal(t, sig));
      done++;
    }
    if (done > 0) return done * RECORD;
    if (f.flags & O.NONBLOCK) throw E.EAGAIN;
    // The kernel wakes this queue whenever a signal becomes pending; the read then runs again.
    return t.park(t.process.signals.pendingWait);
  },
  stat: (f): FileStat => ({
    // An anonymous inode: permission bits only, no file type.
    dev: 13, ino: (f.state as SignalFd).ino, mode: 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0,
    blksize: 4096, blocks: 0, atimeNs: ZERO, mtimeNs: ZERO, ctimeNs: ZERO,
  }),
  ioctl: () => {
    throw E.ENOTTY;
  },
  poll: (f, t) => (t && nextSignalFor(t, (f.state as SignalFd).mask) ? POLL.IN : 0),
  pollQueues: (_f, t) => (t ? [t.process.signals.pendingWait] : []),
};

/** signalfd4 (musl's signalfd calls it): creates a signalfd, or changes an existing one's mask. */
export function signalfdSyscalls(): SyscallEntry[] {
  let nextIno = 1;
  return [
    full('signalfd4', (t, fd, maskp, size, flags) => {
      if (size !== SIGSET_SIZE) throw E.EINVAL;
      const p = t.process;
      const mask = (p.memory.i64(maskp) & ((1n << 64n) - 1n)) & ~UNBLOCKABLE;
      if (flags & ~(SFD.CLOEXEC | SFD.NONBLOCK)) throw E.EINVAL;
      if (fd === -1) {
        const f = new OpenFile(signalfdOps, O.RDWR | (flags & SFD.NONBLOCK), 'anon_inode:[signalfd]');
        f.state = { mask, ino: nextIno++ } satisfies SignalFd;
        return p.fds.alloc(f, (flags & SFD.CLOEXEC) !== 0);
      }
      const f = p.fds.get(fd);
      if (f.ops !== signalfdOps) throw E.EINVAL;
      (f.state as SignalFd).mask = mask;
      // A poller of this file may now see a pending signal it did not before.
      p.signals.pendingWait.wakeAll();
      return fd;
    }),
  ];
}
