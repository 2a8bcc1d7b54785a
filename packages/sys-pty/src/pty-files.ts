import {
  E, type FileOps, type FileStat, IOCTL, type Kernel, LFLAG, O, type OpenFile, POLL, SIGNALS, type Thread, VCC,
} from '@kandelo/kernel-core';
import { inodeOf } from '@kandelo/sys-fs';
import { jobControl } from './job-control.js';
import type { Pty } from './pty.js';
import { ttyIoctl } from './tty-ioctl.js';

const ptyOf = (f: OpenFile): Pty => f.state as Pty;
/** The VTIME timer of a non-canonical read ran out. */
const TIMED_OUT = Symbol('vtime');

/** The node the description was opened from (the pts entry, /dev/ptmx or /dev/tty). */
const stat = (f: OpenFile): FileStat => inodeOf(f)!.stat();

/** Parks `t` on `q` with a timer of `ms` that ends the wait with TIMED_OUT in t.progress. */
function parkWithTimer(t: Thread, ms: number, ...queues: Pty['inputReady'][]): number {
  const r = t.park(...queues);
  const timer = setTimeout(() => {
    t.progress = TIMED_OUT;
    t.wake();
  }, ms);
  t.parkCleanup = () => clearTimeout(timer);
  return r;
}

/**
 * A slave read: canonical mode returns a line; otherwise VMIN and VTIME decide (POSIX's four
 * cases: poll, read with timeout, blocking read of MIN bytes, inter-byte timer).
 */
function slaveRead(kernel: Kernel, f: OpenFile, t: Thread, out: Uint8Array): number {
  const pty = ptyOf(f);
  const job = jobControl(kernel, pty, t, SIGNALS.SIGTTIN);
  if (!job.go) return job.result;
  const ld = pty.ldisc;
  const nonblock = (f.flags & O.NONBLOCK) !== 0;
  const take = () => {
    const n = ld.read(out);
    pty.changed();
    return n;
  };
  if (pty.termios.lflag & LFLAG.ICANON) {
    if (ld.ready()) return take();
    if (pty.hungUp || out.length === 0) return 0;
    if (nonblock) throw E.EAGAIN;
    return t.park(pty.inputReady);
  }
  const min = pty.termios.cc[VCC.VMIN]!;
  const time = pty.termios.cc[VCC.VTIME]!;
  const avail = ld.readable;
  const timedOut = t.progress === TIMED_OUT;
  t.progress = undefined;
  if (out.length === 0) return 0;
  if (min === 0) {
    if (avail > 0 || time === 0 || timedOut || pty.hungUp) return take();
    if (nonblock) throw E.EAGAIN;
    return parkWithTimer(t, time * 100, pty.inputReady);
  }
  if (avail >= Math.min(min, out.length) || (avail > 0 && (timedOut || nonblock)) || pty.hungUp) return take();
  if (nonblock) throw E.EAGAIN;
  // MIN > 0 and TIME > 0: the timer runs from the last byte received (re-armed as input comes).
  if (avail > 0 && time > 0) return parkWithTimer(t, time * 100, pty.inputReady);
  return t.park(pty.inputReady);
}

function slaveWrite(kernel: Kernel, f: OpenFile, t: Thread, data: Uint8Array): number {
  const pty = ptyOf(f);
  if (pty.hungUp) throw E.EIO;
  if (pty.termios.lflag & LFLAG.TOSTOP) {
    const job = jobControl(kernel, pty, t, SIGNALS.SIGTTOU);
    if (!job.go) return job.result;
  }
  if (data.length === 0) return 0;
  const n = pty.write(data);
  if (n > 0) return n;
  if (f.flags & O.NONBLOCK) throw E.EAGAIN;
  return t.park(pty.outputReady);
}

/** The slave end, /dev/pts/N (and /dev/tty when it is the controlling terminal). */
export function slaveOps(kernel: Kernel): FileOps {
  return {
    seekable: false,
    stat,
    read: (f, t, out) => slaveRead(kernel, f, t, out),
    write: (f, t, data) => slaveWrite(kernel, f, t, data),
    ioctl(f, t, req, arg) {
      // A hung-up terminal answers nothing (Linux's hung_up_tty_ioctl).
      if (ptyOf(f).hungUp) throw req === IOCTL.TIOCSPGRP ? E.ENOTTY : E.EIO;
      return ttyIoctl(kernel, ptyOf(f), t, req, arg, 'slave');
    },
    poll(f) {
      const pty = ptyOf(f);
      if (pty.hungUp) return POLL.IN | POLL.RDNORM | POLL.OUT | POLL.WRNORM | POLL.ERR | POLL.HUP;
      const t = pty.termios;
      // As n_tty_poll: a non-canonical poll with TIME 0 waits for MIN bytes.
      const min = !(t.lflag & LFLAG.ICANON) && t.cc[VCC.VTIME] === 0 ? t.cc[VCC.VMIN]! : 1;
      let bits = pty.ldisc.ready(min) ? POLL.IN | POLL.RDNORM : 0;
      if (pty.outputRoom > 0) bits |= POLL.OUT | POLL.WRNORM;
      return bits;
    },
    pollQueues: (f) => [ptyOf(f).inputReady, ptyOf(f).outputReady],
    release: (f) => ptyOf(f).slaveClosedOne(),
  };
}

/** The master end, from /dev/ptmx: reads the slave's output and echoes, writes keyboard input. */
export function masterOps(kernel: Kernel): FileOps {
  return {
    seekable: false,
    stat,
    read(f, t, out) {
      const pty = ptyOf(f);
      if (out.length === 0) return 0;
      const n = pty.readOutput(out);
      if (n > 0) return n;
      if (pty.slaveClosed) throw E.EIO;
      if (f.flags & O.NONBLOCK) throw E.EAGAIN;
      return t.park(pty.outputReady);
    },
    write(f, t, data) {
      const pty = ptyOf(f);
      if (data.length === 0) return 0;
      const n = pty.input(data);
      if (n > 0) return n;
      if (f.flags & O.NONBLOCK) throw E.EAGAIN;
      return t.park(pty.inputReady);
    },
    ioctl: (f, t, req, arg) => ttyIoctl(kernel, ptyOf(f), t, req, arg, 'master'),
    poll(f) {
      const pty = ptyOf(f);
      let bits = pty.output.size > 0 && !pty.outputStopped ? POLL.IN | POLL.RDNORM : 0;
      if (pty.slaveClosed) bits |= POLL.HUP;
      if (pty.ldisc.room > 0) bits |= POLL.OUT | POLL.WRNORM;
      return bits;
    },
    pollQueues: (f) => [ptyOf(f).inputReady, ptyOf(f).outputReady],
    release: (f) => ptyOf(f).masterClosed(),
  };
}
