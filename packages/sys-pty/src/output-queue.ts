import { OFLAG } from '@kandelo/kernel-core';
import type { Termios } from './termios.js';

const NL = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const BS = 0x08;

const isCntrl = (c: number): boolean => c < 0x20 || c === 0x7f;
/** A UTF-8 continuation byte takes no column. */
const isContinuation = (c: number): boolean => (c & 0xc0) === 0x80;

/**
 * What the master reads: the slave's output and the line discipline's echoes, after output
 * processing (OPOST: ONLCR, OCRNL, ONOCR, ONLRET, OLCUC, XTABS), with the cursor column Linux
 * tracks for it (tab expansion and erasing echoes need it).
 */
export class OutputQueue {
  private chunks: Uint8Array[] = [];
  private head = 0;
  private bytes = 0;
  /** The cursor column as output processing last left it. */
  column = 0;

  constructor(private readonly termios: () => Termios) {}

  get size(): number {
    return this.bytes;
  }

  /** Appends `data` after output processing; returns the input bytes consumed (all of them). */
  write(data: Uint8Array): number {
    const t = this.termios();
    if (!(t.oflag & OFLAG.OPOST)) {
      this.push(data.slice());
      return data.length;
    }
    const out: number[] = [];
    for (const c of data) this.processed(c, t, out);
    this.push(Uint8Array.from(out));
    return data.length;
  }

  /** Bytes queued without processing (an echo's escape that must not be altered). */
  writeRaw(bytes: number[]): void {
    this.push(Uint8Array.from(bytes));
  }

  /** One byte through OPOST, as Linux's do_output_char. */
  private processed(c: number, t: Termios, out: number[]): void {
    const o = t.oflag;
    switch (c) {
      case NL:
        if (o & OFLAG.ONLRET) this.column = 0;
        if (o & OFLAG.ONLCR) {
          this.column = 0;
          out.push(CR, NL);
          return;
        }
        out.push(NL);
        return;
      case CR:
        if (o & OFLAG.ONOCR && this.column === 0) return;
        if (o & OFLAG.OCRNL) {
          if (o & OFLAG.ONLRET) this.column = 0;
          out.push(NL);
          return;
        }
        this.column = 0;
        out.push(CR);
        return;
      case TAB: {
        const spaces = 8 - (this.column & 7);
        this.column += spaces;
        if ((o & OFLAG.TABDLY) === OFLAG.XTABS) for (let i = 0; i < spaces; i++) out.push(0x20);
        else out.push(TAB);
        return;
      }
      case BS:
        if (this.column > 0) this.column--;
        out.push(BS);
        return;
      default:
        if (!isCntrl(c)) {
          if (o & OFLAG.OLCUC && c >= 0x61 && c <= 0x7a) c -= 0x20;
          if (!isContinuation(c)) this.column++;
        }
        out.push(c);
    }
  }

  private push(b: Uint8Array): void {
    if (b.length === 0) return;
    this.chunks.push(b);
    this.bytes += b.length;
  }

  /** Moves up to out.length bytes out; returns the count. */
  read(out: Uint8Array): number {
    let n = 0;
    while (n < out.length && this.chunks.length) {
      const c = this.chunks[0]!;
      const take = Math.min(c.length - this.head, out.length - n);
      out.set(c.subarray(this.head, this.head + take), n);
      n += take;
      this.head += take;
      if (this.head === c.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.bytes -= n;
    return n;
  }

  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.bytes = 0;
  }
}
