import { IFLAG, LFLAG, SIGNALS, VCC } from '@kandelo/kernel-core';
import type { OutputQueue } from './output-queue.js';
import { type Termios, VDISABLE } from './termios.js';

/** Linux's N_TTY_BUF_SIZE: the input the line discipline holds (a canonical line is one less). */
export const INPUT_MAX = 4096;

const NL = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const BS = 0x08;

const isCntrl = (c: number): boolean => c < 0x20 || c === 0x7f;
const isWordChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

/** A committed line end in canonical mode: the index of its terminator, or where an EOF cut it. */
interface LineEnd {
  at: number;
  /** VEOF: the line ends before `at` and the terminator is not data (a read of it returns 0 at the start). */
  eof: boolean;
}

/** Where the line discipline sends what it generates besides data. */
export interface LdiscEvents {
  /** ISIG: a signal for the foreground process group. */
  signal(sig: number): void;
  /** IXON: output stopped (VSTOP) or started again (VSTART, IXANY). */
  flow(stopped: boolean): void;
}

/**
 * The input half of Linux's n_tty: canonical line editing (VERASE, VKILL, VWERASE, VEOF, VEOL,
 * VEOL2, VREPRINT, VLNEXT), input mapping (ISTRIP, ICRNL, INLCR, IGNCR), signal characters
 * (ISIG), flow control characters (IXON) and echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL,
 * ECHOPRT) into the output queue. Non-canonical input is readable at once; VMIN/VTIME are the
 * reader's business (see pty-slave.ts).
 */
export class LineDiscipline {
  /** Input bytes: the committed part [0, canonHead) then, in canonical mode, the line being edited. */
  private buf: number[] = [];
  private canonHead = 0;
  private ends: LineEnd[] = [];
  /** The next byte is literal (VLNEXT). */
  private lnext = false;
  /** ECHOPRT: inside a "\...\/" erase display. */
  private erasing = false;
  /** Output column where the line being edited started (tab erasure needs it). */
  private canonColumn = 0;

  constructor(
    private readonly termios: () => Termios,
    private readonly out: OutputQueue,
    private readonly events: LdiscEvents,
  ) {}

  private get canonical(): boolean {
    return (this.termios().lflag & LFLAG.ICANON) !== 0;
  }

  /** Bytes a read could return now (canonical: only committed lines count). */
  get readable(): number {
    return this.canonical ? this.canonHead : this.buf.length;
  }

  /** Whether a read would return now: a whole line (or EOF) in canonical mode, `min` bytes otherwise. */
  ready(min = 1): boolean {
    if (this.canonical) return this.ends.length > 0;
    return this.buf.length >= Math.max(min, 1);
  }

  /** Room left for input; receive() stops consuming when it is gone. */
  get room(): number {
    return INPUT_MAX - this.buf.length;
  }

  /** The termios changed: a switch into or out of canonical mode re-frames what is buffered. */
  modeChanged(wasCanonical: boolean): void {
    if (wasCanonical === this.canonical) return;
    this.ends = [];
    this.lnext = false;
    this.erasing = false;
    this.canonHead = this.buf.length;
    // Into canonical mode with data queued: it all becomes one committed line (Linux pushes it).
    if (this.canonical && this.buf.length) this.ends.push({ at: this.buf.length - 1, eof: false });
  }

  /** Input from the master (the keyboard). Returns how many bytes were consumed (until room runs out). */
  receive(data: Uint8Array): number {
    let n = 0;
    for (; n < data.length; n++) {
      // Full: the writer waits for a reader (a full canonical line drops bytes instead, in store).
      if (this.canonical ? this.canonHead >= INPUT_MAX - 1 : this.buf.length >= INPUT_MAX) break;
      this.receiveByte(data[n]!);
    }
    return n;
  }

  private receiveByte(byte: number): void {
    const t = this.termios();
    const { iflag: i, lflag: l, cc } = t;
    let c = i & IFLAG.ISTRIP ? byte & 0x7f : byte;
    if (i & IFLAG.IUCLC && l & LFLAG.IEXTEN && c >= 0x41 && c <= 0x5a) c += 0x20;
    if (this.lnext) {
      this.lnext = false;
      this.store(c, l);
      return;
    }
    const is = (v: number) => cc[v] !== VDISABLE && c === cc[v];
    if (i & IFLAG.IXON) {
      if (is(VCC.VSTOP)) return this.events.flow(true);
      if (is(VCC.VSTART)) return this.events.flow(false);
      if (i & IFLAG.IXANY) this.events.flow(false);
    }
    if (l & LFLAG.ISIG) {
      const sig = is(VCC.VINTR) ? SIGNALS.SIGINT : is(VCC.VQUIT) ? SIGNALS.SIGQUIT : is(VCC.VSUSP) ? SIGNALS.SIGTSTP : 0;
      if (sig) {
        if (!(l & LFLAG.NOFLSH)) this.flush();
        this.events.signal(sig);
        if (l & LFLAG.ECHO) this.echoChar(c, l);
        return;
      }
    }
    if (c === CR) {
      if (i & IFLAG.IGNCR) return;
      if (i & IFLAG.ICRNL) c = NL;
    } else if (c === NL && i & IFLAG.INLCR) {
      c = CR;
    }
    if (l & LFLAG.ICANON) {
      if (is(VCC.VERASE) || is(VCC.VKILL) || (is(VCC.VWERASE) && l & LFLAG.IEXTEN)) return this.erase(c, t);
      if (is(VCC.VLNEXT) && l & LFLAG.IEXTEN) {
        this.lnext = true;
        if (l & LFLAG.ECHO) {
          this.finishErasing();
          if (l & LFLAG.ECHOCTL) this.out.writeRaw([0x5e, BS]); // "^" then back over it
        }
        return;
      }
      if (is(VCC.VREPRINT) && l & LFLAG.ECHO && l & LFLAG.IEXTEN) return this.reprint(c, l);
      if (c === NL) {
        if (l & (LFLAG.ECHO | LFLAG.ECHONL)) this.out.write(Uint8Array.of(NL));
        this.buf.push(c);
        return this.commit(false);
      }
      if (is(VCC.VEOF)) return this.commit(true);
      if (is(VCC.VEOL) || (is(VCC.VEOL2) && l & LFLAG.IEXTEN)) {
        if (l & LFLAG.ECHO) {
          if (this.canonHead === this.buf.length) this.canonColumn = this.out.column;
          this.echoChar(c, l);
        }
        this.buf.push(c);
        return this.commit(false);
      }
    }
    this.store(c, l);
  }

  /** An ordinary byte: echoed and queued (a full canonical line drops it, as Linux does). */
  private store(c: number, l: number): void {
    if (l & LFLAG.ICANON && this.buf.length - this.canonHead >= INPUT_MAX - 1) return;
    if (l & LFLAG.ECHO) {
      this.finishErasing();
      if (c === NL) this.out.write(Uint8Array.of(NL));
      else {
        if (this.canonHead === this.buf.length) this.canonColumn = this.out.column;
        this.echoChar(c, l);
      }
    }
    this.buf.push(c);
    if (!(l & LFLAG.ICANON)) this.canonHead = this.buf.length;
  }

  /** Ends the line being edited: readable now. An EOF's terminator is not data. */
  private commit(eof: boolean): void {
    this.ends.push({ at: eof ? this.buf.length : this.buf.length - 1, eof });
    this.canonHead = this.buf.length;
  }

  /** echo_char: control characters as "^X" under ECHOCTL (tab excepted). */
  private echoChar(c: number, l: number): void {
    if (l & LFLAG.ECHOCTL && isCntrl(c) && c !== TAB) {
      this.out.writeRaw([0x5e, c ^ 0o100]);
      this.out.column += 2;
    } else {
      this.out.write(Uint8Array.of(c));
    }
  }

  private finishErasing(): void {
    if (!this.erasing) return;
    this.out.write(Uint8Array.of(0x2f)); // "/"
    this.erasing = false;
  }

  /** "\b \b": one column wiped. */
  private wipe(): void {
    this.out.writeRaw([BS, 0x20, BS]);
    if (this.out.column > 0) this.out.column--;
  }

  /** VERASE, VWERASE and VKILL on the line being edited (Linux's eraser). */
  private erase(c: number, t: Termios): void {
    const { lflag: l, cc } = t;
    if (this.buf.length === this.canonHead) return;
    const kind = c === cc[VCC.VERASE] ? 'erase' : c === cc[VCC.VWERASE] && l & LFLAG.IEXTEN ? 'werase' : 'kill';
    if (kind === 'kill') {
      if (!(l & LFLAG.ECHO)) {
        this.buf.length = this.canonHead;
        return;
      }
      if (!(l & LFLAG.ECHOK) || !(l & LFLAG.ECHOKE) || !(l & LFLAG.ECHOE)) {
        this.buf.length = this.canonHead;
        this.finishErasing();
        this.echoChar(c, l);
        if (l & LFLAG.ECHOK) this.out.write(Uint8Array.of(NL));
        return;
      }
    }
    let seenWord = 0;
    while (this.buf.length > this.canonHead) {
      const ch = this.buf[this.buf.length - 1]!;
      if (kind === 'werase') {
        if (isWordChar(ch)) seenWord++;
        else if (seenWord) break;
      }
      this.buf.pop();
      if (l & LFLAG.ECHO) this.echoErase(ch, kind, t);
      if (kind === 'erase') break;
    }
    if (this.buf.length === this.canonHead && l & LFLAG.ECHO) this.finishErasing();
  }

  /** The echo for one erased byte. */
  private echoErase(ch: number, kind: string, t: Termios): void {
    const l = t.lflag;
    if (l & LFLAG.ECHOPRT) {
      if (!this.erasing) {
        this.out.write(Uint8Array.of(0x5c)); // "\"
        this.erasing = true;
      }
      this.echoChar(ch, l);
    } else if (kind === 'erase' && !(l & LFLAG.ECHOE)) {
      this.echoChar(t.cc[VCC.VERASE]!, l);
    } else if (ch === TAB) {
      // Back over the columns the tab took: count those of the bytes since the previous tab
      // (or since the line start, which was at canonColumn).
      let cols = 0;
      let sawTab = false;
      for (let k = this.buf.length - 1; k >= this.canonHead; k--) {
        const b = this.buf[k]!;
        if (b === TAB) {
          sawTab = true;
          break;
        }
        if (isCntrl(b)) cols += l & LFLAG.ECHOCTL ? 2 : 0;
        else if ((b & 0xc0) !== 0x80) cols++;
      }
      if (!sawTab) cols += this.canonColumn;
      let n = Math.min(8 - (cols & 7), this.out.column);
      while (n-- > 0) {
        this.out.writeRaw([BS]);
        this.out.column--;
      }
    } else {
      if (isCntrl(ch) && l & LFLAG.ECHOCTL) this.wipe();
      if (!isCntrl(ch) || l & LFLAG.ECHOCTL) this.wipe();
    }
  }

  /** VREPRINT: "^R", a new line, and the line being edited again. */
  private reprint(c: number, l: number): void {
    this.finishErasing();
    this.echoChar(c, l);
    this.out.write(Uint8Array.of(NL));
    for (let k = this.canonHead; k < this.buf.length; k++) this.echoChar(this.buf[k]!, l);
  }

  /**
   * Moves readable input into `out`: in canonical mode at most one line (a line longer than
   * `out` is returned over several reads); an EOF at the start of a line reads as 0 bytes.
   */
  read(out: Uint8Array): number {
    if (!this.canonical) {
      const n = Math.min(out.length, this.buf.length);
      this.take(out, n);
      this.canonHead = this.buf.length;
      return n;
    }
    const end = this.ends[0];
    if (!end) return 0;
    const lineLen = end.eof ? end.at : end.at + 1;
    const n = Math.min(out.length, lineLen);
    this.take(out, n);
    if (n === lineLen) this.ends.shift();
    for (const e of this.ends) e.at -= n;
    this.canonHead -= n;
    return n;
  }

  private take(out: Uint8Array, n: number): void {
    for (let k = 0; k < n; k++) out[k] = this.buf[k]!;
    this.buf.splice(0, n);
  }

  /** Discards all input (TCIFLUSH, signal characters without NOFLSH). */
  flush(): void {
    this.buf = [];
    this.ends = [];
    this.canonHead = 0;
    this.lnext = false;
  }
}
