import {
  E, type FileOps, type FileStat, type HostConsole, IOCTL, O, type OpenFile, POLL, S, type Thread, WaitQueue, WINSIZE,
} from '@kandelo/kernel-core';

const ZERO = 0n;

/**
 * The host's standard streams as files. Reads and writes never block the kernel: when the host
 * has no input yet (or its output is full) the calling thread parks until the host says ready.
 *
 * Readiness for poll: HostConsole cannot say whether input is waiting without reading it, so a
 * poll on stdin reads one byte ahead and keeps it (or the end of file it met) for the next
 * read; a host 'again' means not ready, and the host's onReady then wakes the pollers. Output
 * counts as writable unless the host's last write said 'again' and it has not said ready since.
 */
export class ConsoleFiles {
  private readonly ready = new WaitQueue();
  /** Input a readiness check took from the host, owed to the next read. */
  private ahead: Uint8Array | undefined;
  /** A readiness check met end of file: the next read returns 0 (a terminal's ^D is one-shot). */
  private eofAhead = false;
  /** The host's output was full at the last write, until it says ready. */
  private outFull = false;

  constructor(private readonly console: HostConsole) {
    console.onReady(() => {
      this.outFull = false;
      this.ready.wakeAll();
    });
  }

  /** A read from the host, after whatever a readiness check read ahead. */
  private read(out: Uint8Array): number | 'again' {
    const con = this.console;
    const ahead = this.ahead;
    if (ahead) {
      const n = Math.min(ahead.length, out.length);
      out.set(ahead.subarray(0, n));
      this.ahead = n === ahead.length ? undefined : ahead.subarray(n);
      if (this.ahead || n === out.length) return n;
      // Top up with what the host has now; an end of file met here belongs to the next read.
      const r = con.read(out.subarray(n));
      if (r === 0) this.eofAhead = true;
      return typeof r === 'number' ? n + r : n;
    }
    if (this.eofAhead) {
      this.eofAhead = false;
      return 0;
    }
    return con.read(out);
  }

  /** stdin's poll bits, reading a byte ahead to learn them. */
  private inputReadiness(): number {
    if (!this.ahead && !this.eofAhead) {
      const one = new Uint8Array(1);
      const r = this.console.read(one); // 'again' has the host call onReady when input comes
      if (r === 'again') return 0;
      if (r === 0) this.eofAhead = true;
      else this.ahead = one;
    }
    if (this.ahead) return POLL.IN | POLL.RDNORM;
    // End of file: a terminal's ^D reads as input; a pipe's end is a hang-up (stat says FIFO).
    return this.console.isTerminal(0) ? POLL.IN | POLL.RDNORM : POLL.HUP;
  }

  ops(fd: 0 | 1 | 2): FileOps {
    const con = this.console;
    const ready = this.ready;
    const tty = con.isTerminal(fd);
    return {
      seekable: false,
      read: fd === 0 ? (f: OpenFile, t: Thread, out: Uint8Array) => {
        if (out.length === 0) return 0;
        const r = this.read(out);
        if (r !== 'again') return r;
        if (f.flags & O.NONBLOCK) throw E.EAGAIN;
        return t.park(ready);
      } : undefined,
      write: fd !== 0 ? (f: OpenFile, t: Thread, data: Uint8Array) => {
        let done = 0;
        while (done < data.length) {
          const r = con.write(fd, done === 0 ? data : data.subarray(done));
          if (r === 'again') {
            this.outFull = true;
            break;
          }
          done += r;
        }
        if (done > 0 || data.length === 0) return done;
        if (f.flags & O.NONBLOCK) throw E.EAGAIN;
        return t.park(ready);
      } : undefined,
      poll: fd === 0 ? () => this.inputReadiness() : () => (this.outFull ? 0 : POLL.OUT | POLL.WRNORM),
      pollQueues: () => [ready],
      stat(): FileStat {
        return {
          dev: 5, ino: 100 + fd, mode: (tty ? S.IFCHR : S.IFIFO) | 0o620, nlink: 1, uid: 0, gid: 0,
          rdev: tty ? 0x8800 : 0, size: 0, blksize: 4096, blocks: 0, atimeNs: ZERO, mtimeNs: ZERO, ctimeNs: ZERO,
        };
      },
      ioctl(_f, t, request, arg) {
        if (request === IOCTL.TIOCGWINSZ) {
          const ws = con.windowSize(fd);
          if (!ws) throw E.ENOTTY;
          const m = t.process.memory;
          m.setU16(arg + WINSIZE.ws_row, ws.rows);
          m.setU16(arg + WINSIZE.ws_col, ws.cols);
          m.setU16(arg + WINSIZE.ws_xpixel, 0);
          m.setU16(arg + WINSIZE.ws_ypixel, 0);
          return 0;
        }
        throw E.ENOTTY;
      },
    };
  }
}
