import type { ConsoleReadResult, HostConsole } from '@kandelo/kernel-core';
import * as fs from 'node:fs';
import { isatty } from 'node:tty';

const CHUNK = 64 * 1024;

/**
 * The CLI's stdin/stdout/stderr, used from the kernel worker. Output is written synchronously
 * (partial writes and EAGAIN on a full non-blocking pipe are reported, and readiness is polled).
 * Input is read asynchronously on demand, one chunk at a time, so a program that never reads
 * stdin leaves it untouched.
 */
export class NodeConsole implements HostConsole {
  private buffered: Uint8Array | undefined;
  private eof = false;
  private reading = false;
  private readonly listeners: (() => void)[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private size: { rows: number; cols: number } | undefined;
  private readonly tty: [boolean, boolean, boolean];

  constructor(size?: { rows: number; cols: number }, private readonly fds: [number, number, number] = [0, 1, 2]) {
    this.size = size;
    this.tty = [isatty(fds[0]), isatty(fds[1]), isatty(fds[2])];
  }

  private readonly resizeListeners: ((size: { rows: number; cols: number }) => void)[] = [];

  setWindowSize(size: { rows: number; cols: number }): void {
    this.size = size;
    for (const cb of this.resizeListeners) cb(size);
  }

  onResize(cb: (size: { rows: number; cols: number }) => void): void {
    this.resizeListeners.push(cb);
  }

  isTerminal(fd: 0 | 1 | 2): boolean {
    return this.tty[fd];
  }

  windowSize(fd: 0 | 1 | 2): { rows: number; cols: number } | undefined {
    return this.tty[fd] ? (this.size ?? { rows: 24, cols: 80 }) : undefined;
  }

  onReady(cb: () => void): void {
    this.listeners.push(cb);
  }

  private ready = (): void => {
    for (const cb of this.listeners) cb();
  };

  private retrySoon(): void {
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = undefined;
      this.ready();
    }, 2);
  }

  write(fd: 1 | 2, data: Uint8Array): number | 'again' {
    try {
      return fs.writeSync(this.fds[fd], data);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        this.retrySoon();
        return 'again';
      }
      if (code === 'EPIPE') return data.length; // host reader went away: discard, as a closed terminal would
      throw err;
    }
  }

  read(out: Uint8Array): ConsoleReadResult {
    if (this.buffered) {
      const n = Math.min(out.length, this.buffered.length);
      out.set(this.buffered.subarray(0, n));
      this.buffered = n === this.buffered.length ? undefined : this.buffered.subarray(n);
      return n;
    }
    if (this.eof) {
      this.eof = this.tty[0] ? false : true; // a terminal's ^D is a one-shot EOF
      return 0;
    }
    this.fill();
    return 'again';
  }

  private fill(): void {
    if (this.reading) return;
    this.reading = true;
    const buf = Buffer.allocUnsafe(CHUNK);
    fs.read(this.fds[0], buf, 0, CHUNK, null, (err, n) => {
      this.reading = false;
      if (err) {
        if (err.code === 'EAGAIN') {
          setTimeout(() => this.fill(), 5);
          return;
        }
        this.eof = true; // EBADF, EIO...: the guest sees end of file
      } else if (n === 0) {
        this.eof = true;
      } else {
        this.buffered = buf.subarray(0, n);
      }
      this.ready();
    });
  }
}
