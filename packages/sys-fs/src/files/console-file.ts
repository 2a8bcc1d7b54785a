import {
  E, type FileOps, type FileStat, type HostConsole, IOCTL, O, type OpenFile, S, type Thread, WaitQueue, WINSIZE,
} from '@kandelo/kernel-core';

const ZERO = 0n;

/**
 * The host's standard streams as files. Reads and writes never block the kernel: when the host
 * has no input yet (or its output is full) the calling thread parks until the host says ready.
 */
export class ConsoleFiles {
  private readonly ready = new WaitQueue();

  constructor(private readonly console: HostConsole) {
    console.onReady(() => this.ready.wakeAll());
  }

  ops(fd: 0 | 1 | 2): FileOps {
    const con = this.console;
    const ready = this.ready;
    const tty = con.isTerminal(fd);
    return {
      seekable: false,
      read: fd === 0 ? (f: OpenFile, t: Thread, out: Uint8Array) => {
        if (out.length === 0) return 0;
        const r = con.read(out);
        if (r !== 'again') return r;
        if (f.flags & O.NONBLOCK) throw E.EAGAIN;
        return t.park(ready);
      } : undefined,
      write: fd !== 0 ? (f: OpenFile, t: Thread, data: Uint8Array) => {
        let done = 0;
        while (done < data.length) {
          const r = con.write(fd, done === 0 ? data : data.subarray(done));
          if (r === 'again') break;
          done += r;
        }
        if (done > 0 || data.length === 0) return done;
        if (f.flags & O.NONBLOCK) throw E.EAGAIN;
        return t.park(ready);
      } : undefined,
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
