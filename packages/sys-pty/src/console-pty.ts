import type { HostConsole } from '@kandelo/kernel-core';
import type { Pty } from './pty.js';

const CHUNK = 16 * 1024;

/**
 * The host's terminal as a pty: the host side holds the master. Keystrokes the host reads go to
 * the master as input (the line discipline edits, echoes and turns ^C into SIGINT), whatever the
 * slave writes goes back to the host's stdout, and window size changes become TIOCSWINSZ (with
 * SIGWINCH to the foreground group). The host keeps its terminal in raw mode meanwhile.
 */
export class ConsolePty {
  /** Keyboard input the line discipline had no room for yet. */
  private pendingIn: Uint8Array | undefined;
  /** Output the host's stdout did not take yet. */
  private pendingOut: Uint8Array | undefined;
  private pumping = false;
  private closed = false;

  constructor(
    readonly pty: Pty,
    private readonly console: HostConsole,
  ) {
    const size = console.windowSize(1) ?? console.windowSize(0);
    if (size) pty.winsize = { rows: size.rows, cols: size.cols, xpixel: 0, ypixel: 0 };
    pty.locked = false;
    pty.watch(() => this.pump());
    console.onReady(() => this.pump());
    console.onResize?.((s) => pty.setWinsize({ rows: s.rows, cols: s.cols, xpixel: 0, ypixel: 0 }));
    this.pump();
  }

  /** Moves bytes both ways until neither side can take or give more. */
  private pump(): void {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      let moved = true;
      while (moved) moved = this.flushOutput() || this.feedInput();
    } finally {
      this.pumping = false;
    }
  }

  private flushOutput(): boolean {
    let moved = false;
    for (;;) {
      let out = this.pendingOut;
      if (!out) {
        const buf = new Uint8Array(CHUNK);
        const n = this.pty.readOutput(buf);
        if (n === 0) return moved;
        out = buf.subarray(0, n);
      }
      const w = this.console.write(1, out);
      if (w === 'again') {
        this.pendingOut = out;
        return moved; // the host calls onReady when its stdout drains
      }
      this.pendingOut = w < out.length ? out.subarray(w) : undefined;
      moved = true;
    }
  }

  private feedInput(): boolean {
    let moved = false;
    for (;;) {
      if (!this.pendingIn) {
        if (this.pty.ldisc.room <= 0) return moved;
        const buf = new Uint8Array(CHUNK);
        const r = this.console.read(buf);
        if (r === 'again') return moved;
        if (r === 0) {
          // The host terminal is gone: hang up, as closing a terminal emulator's master does.
          this.closed = true;
          this.pty.masterClosed();
          return false;
        }
        this.pendingIn = buf.subarray(0, r);
      }
      const n = this.pty.input(this.pendingIn);
      if (n === 0) return moved;
      this.pendingIn = n < this.pendingIn.length ? this.pendingIn.subarray(n) : undefined;
      moved = true;
    }
  }
}
