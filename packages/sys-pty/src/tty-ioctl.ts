import {
  E, IFLAG, IOCTL, type Kernel, LFLAG, SIGNALS, TCFLSH_QUEUE, TCXONC_ACTION, type Thread, WINSIZE,
} from '@kandelo/kernel-core';
import { jobControl } from './job-control.js';
import type { Pty } from './pty.js';
import { copyTermios, readTermios, writeTermios } from './termios.js';

type Side = 'master' | 'slave';

/**
 * The terminal ioctls of both ends (termios calls on the master act on the slave's settings, as
 * on Linux). Calls that change the terminal are subject to job control (SIGTTOU from a
 * background group). TIOCGPTN, TIOCSPTLCK and TIOCGPTLCK exist on the master only.
 */
export function ttyIoctl(kernel: Kernel, pty: Pty, t: Thread, req: number, arg: number, side: Side): number {
  const p = t.process;
  const m = p.memory;
  /** A change from a background process of the session: SIGTTOU (or go on when it is ignored). */
  const change = (): number | undefined => {
    if (side === 'master') return undefined;
    const job = jobControl(kernel, pty, t, SIGNALS.SIGTTOU);
    return job.go ? undefined : job.result;
  };
  /** TIOCGPGRP/TIOCGSID through the slave: only the caller's own controlling terminal answers. */
  const mustBeCtty = () => {
    if (side === 'slave' && p.ctty !== pty) throw E.ENOTTY;
  };
  switch (req) {
    case IOCTL.TCGETS:
      writeTermios(m, arg, pty.termios);
      return 0;
    case IOCTL.TCSETS: case IOCTL.TCSETSW: case IOCTL.TCSETSF: {
      const stop = change();
      if (stop !== undefined) return stop;
      const next = readTermios(m, arg);
      const wasCanonical = (pty.termios.lflag & LFLAG.ICANON) !== 0;
      // Stored as given: a pty has no line, so c_cflag's speed, size and parity bits change nothing.
      pty.termios = copyTermios(next);
      if (req === IOCTL.TCSETSF) pty.ldisc.flush();
      pty.ldisc.modeChanged(wasCanonical);
      if (!(pty.termios.iflag & IFLAG.IXON)) pty.outputStopped = false;
      pty.changed();
      return 0;
    }
    case IOCTL.TIOCGWINSZ: {
      const ws = pty.winsize;
      m.setU16(arg + WINSIZE.ws_row, ws.rows);
      m.setU16(arg + WINSIZE.ws_col, ws.cols);
      m.setU16(arg + WINSIZE.ws_xpixel, ws.xpixel);
      m.setU16(arg + WINSIZE.ws_ypixel, ws.ypixel);
      return 0;
    }
    case IOCTL.TIOCSWINSZ:
      pty.setWinsize({
        rows: m.u16(arg + WINSIZE.ws_row), cols: m.u16(arg + WINSIZE.ws_col),
        xpixel: m.u16(arg + WINSIZE.ws_xpixel), ypixel: m.u16(arg + WINSIZE.ws_ypixel),
      });
      return 0;
    case IOCTL.FIONREAD:
      m.setI32(arg, side === 'slave' ? pty.ldisc.readable : pty.output.size);
      return 0;
    case IOCTL.TIOCOUTQ:
      m.setI32(arg, side === 'slave' ? pty.output.size : 0);
      return 0;
    case IOCTL.TCFLSH: {
      const stop = change();
      if (stop !== undefined) return stop;
      // The master's input queue is the slave's output, and the other way round.
      const inQ = side === 'slave' ? () => pty.ldisc.flush() : () => pty.output.clear();
      const outQ = side === 'slave' ? () => pty.output.clear() : () => pty.ldisc.flush();
      if (arg === TCFLSH_QUEUE.TCIFLUSH) inQ();
      else if (arg === TCFLSH_QUEUE.TCOFLUSH) outQ();
      else if (arg === TCFLSH_QUEUE.TCIOFLUSH) { inQ(); outQ(); }
      else throw E.EINVAL;
      pty.changed();
      return 0;
    }
    case IOCTL.TCXONC: {
      const stop = change();
      if (stop !== undefined) return stop;
      if (arg === TCXONC_ACTION.TCOOFF) pty.outputStopped = true;
      else if (arg === TCXONC_ACTION.TCOON) pty.outputStopped = false;
      else if (arg !== TCXONC_ACTION.TCIOFF && arg !== TCXONC_ACTION.TCION) throw E.EINVAL;
      pty.changed();
      return 0;
    }
    // tcdrain and tcsendbreak: a pty has nothing in flight to wait for, and no line to break.
    case IOCTL.TCSBRK: case IOCTL.TCSBRKP: case IOCTL.TIOCSBRK: case IOCTL.TIOCCBRK:
      return 0;
    case IOCTL.TIOCEXCL: pty.exclusive = true; return 0;
    case IOCTL.TIOCNXCL: pty.exclusive = false; return 0;
    case IOCTL.TIOCGETD: m.setI32(arg, 0); return 0; // N_TTY
    case IOCTL.TIOCSETD: if (m.i32at(arg) !== 0) throw E.EINVAL; return 0;
    case IOCTL.TIOCSCTTY: return setCtty(kernel, pty, t, arg);
    case IOCTL.TIOCNOTTY:
      if (side === 'master' || p.ctty !== pty) throw E.ENOTTY;
      if (p.sid === p.pid) pty.leaderGaveUp();
      else p.ctty = undefined;
      return 0;
    case IOCTL.TIOCGPGRP:
      mustBeCtty();
      m.setI32(arg, pty.pgrp);
      return 0;
    case IOCTL.TIOCSPGRP: {
      const stop = change();
      if (stop !== undefined) return stop;
      if (p.ctty !== pty || pty.sid !== p.sid) throw E.ENOTTY;
      const pgrp = m.i32at(arg);
      if (pgrp < 0) throw E.EINVAL;
      let found = false;
      for (const q of kernel.processes.all()) if (q.pgid === pgrp && !q.zombie) {
        if (q.sid !== p.sid) throw E.EPERM;
        found = true;
      }
      if (!found) throw E.ESRCH;
      pty.pgrp = pgrp;
      pty.changed(); // a background reader may be the foreground now
      return 0;
    }
    case IOCTL.TIOCGSID:
      mustBeCtty();
      if (!pty.sid) throw E.ENOTTY;
      m.setI32(arg, pty.sid);
      return 0;
    case IOCTL.TIOCSTI:
      if (p.ctty !== pty && p.creds.euid !== 0) throw E.EPERM;
      pty.input(m.bytes(arg, 1).slice());
      return 0;
    case IOCTL.TIOCGPTN:
      if (side !== 'master') throw E.ENOTTY;
      m.setU32(arg, pty.index);
      return 0;
    case IOCTL.TIOCSPTLCK:
      if (side !== 'master') throw E.ENOTTY;
      pty.locked = m.i32at(arg) !== 0;
      return 0;
    case IOCTL.TIOCGPTLCK:
      if (side !== 'master') throw E.ENOTTY;
      m.setI32(arg, pty.locked ? 1 : 0);
      return 0;
    default:
      throw E.ENOTTY;
  }
}

/**
 * TIOCSCTTY: a session leader without a controlling terminal takes this one. A terminal that
 * already controls another session is refused (EPERM), unless root asks to steal it (arg 1).
 */
function setCtty(kernel: Kernel, pty: Pty, t: Thread, arg: number): number {
  const p = t.process;
  if (p.sid === p.pid && p.ctty === pty) return 0;
  if (p.sid !== p.pid || p.ctty) throw E.EPERM;
  if (pty.sid) {
    if (arg !== 1 || p.creds.euid !== 0) throw E.EPERM;
    for (const q of kernel.processes.all()) if (q.ctty === pty) q.ctty = undefined;
  }
  pty.attach(p);
  return 0;
}
