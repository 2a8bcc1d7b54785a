import { describe, expect, it } from 'vitest';
import { IFLAG, LFLAG, OFLAG, SIGNALS, VCC } from '@kandelo/kernel-core';
import { INPUT_MAX, LineDiscipline } from './line-discipline.js';
import { OutputQueue } from './output-queue.js';
import { defaultTermios, type Termios } from './termios.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function setup(edit?: (t: Termios) => void) {
  const termios = defaultTermios();
  edit?.(termios);
  const out = new OutputQueue(() => termios);
  const signals: number[] = [];
  const flow: boolean[] = [];
  const ld = new LineDiscipline(() => termios, out, { signal: (s) => signals.push(s), flow: (s) => flow.push(s) });
  const read = (n = 100) => {
    const b = new Uint8Array(n);
    return dec(b.subarray(0, ld.read(b)));
  };
  const echo = () => {
    const b = new Uint8Array(1000);
    return dec(b.subarray(0, out.read(b)));
  };
  return { termios, ld, out, signals, flow, read, echo, type: (s: string) => ld.receive(enc(s)) };
}

describe('canonical mode', () => {
  it('returns a line only once it is complete, one line per read, CR mapped by ICRNL', () => {
    const { ld, read, type, echo } = setup();
    type('ab');
    expect(ld.ready()).toBe(false);
    expect(read()).toBe('');
    type('c\rde\n');
    expect(read()).toBe('abc\n');
    expect(read()).toBe('de\n');
    expect(echo()).toBe('abc\r\nde\r\n');
  });

  it('splits a line over short reads', () => {
    const { read, type } = setup();
    type('hello\n');
    expect(read(2)).toBe('he');
    expect(read(10)).toBe('llo\n');
  });

  it('edits with VERASE, VWERASE and VKILL, echoing the erasures', () => {
    const { read, type, echo } = setup();
    type('ab\x7fc\n');
    expect(read()).toBe('ac\n');
    expect(echo()).toBe('ab\b \bc\r\n');
    type('one two-three\x17\n');
    expect(read()).toBe('one two-\n');
    type('gone\x15kept\n');
    expect(read()).toBe('kept\n');
    echo();
    type('ab\x15');
    expect(echo()).toBe('ab\b \b\b \b'); // ECHOKE: wiped character by character
  });

  it('VKILL without ECHOKE echoes the kill character and a newline (ECHOK)', () => {
    const { type, echo } = setup((t) => (t.lflag &= ~LFLAG.ECHOKE));
    type('xy\x15');
    expect(echo()).toBe('xy^U\r\n');
  });

  it('VEOF: end of file at a line start, the partial line otherwise; the terminator is not data', () => {
    const { read, type, ld } = setup();
    type('abc\x04');
    expect(read()).toBe('abc');
    type('\x04');
    expect(ld.ready()).toBe(true);
    expect(read()).toBe('');
    expect(ld.ready()).toBe(false);
  });

  it('VLNEXT makes the next character literal; VEOL ends a line and is data', () => {
    const { read, type, echo, termios } = setup();
    type('a\x16\x03b\n');
    expect(read()).toBe('a\x03b\n');
    expect(echo()).toBe('a^\b^Cb\r\n');
    termios.cc[VCC.VEOL] = 0x40; // '@'
    type('x@y\n');
    expect(read()).toBe('x@');
    expect(read()).toBe('y\n');
  });

  it('VREPRINT shows the line again', () => {
    const { type, echo } = setup();
    type('abc\x12');
    expect(echo()).toBe('abc^R\r\nabc');
  });

  it('erases a tab back to where it started', () => {
    const { type, echo } = setup();
    type('ab\t\x7f');
    expect(echo()).toBe('ab\t\b\b\b\b\b\b');
  });

  it('ECHONL echoes newlines with ECHO off; no echo at all otherwise', () => {
    const a = setup((t) => (t.lflag = (t.lflag & ~LFLAG.ECHO) | LFLAG.ECHONL));
    a.type('secret\n');
    expect(a.echo()).toBe('\r\n');
    expect(a.read()).toBe('secret\n');
  });

  it('drops bytes beyond a full line but keeps its newline', () => {
    const { type, read } = setup((t) => (t.lflag &= ~LFLAG.ECHO));
    type('x'.repeat(INPUT_MAX + 10) + '\n');
    expect(read(INPUT_MAX + 100).length).toBe(INPUT_MAX);
  });
});

describe('input flags and signals', () => {
  it('INLCR, IGNCR and ISTRIP', () => {
    const a = setup((t) => (t.iflag = IFLAG.IGNCR));
    a.type('a\rb\n');
    expect(a.read()).toBe('ab\n');
    const b = setup((t) => {
      t.iflag = IFLAG.INLCR | IFLAG.ISTRIP;
      t.lflag &= ~LFLAG.ICANON;
    });
    b.ld.receive(Uint8Array.of(0x0a, 0xc1));
    expect(b.read()).toBe('\rA');
  });

  it('ISIG characters signal the foreground group, flush pending input and echo as ^C', () => {
    const { type, signals, echo, read, ld } = setup();
    type('partial\x03');
    expect(signals).toEqual([SIGNALS.SIGINT]);
    expect(echo()).toBe('partial^C');
    type('\x1c\x1a');
    expect(signals).toEqual([SIGNALS.SIGINT, SIGNALS.SIGQUIT, SIGNALS.SIGTSTP]);
    expect(ld.readable).toBe(0);
    type('x\n');
    expect(read()).toBe('x\n');
  });

  it('without ISIG the characters are data', () => {
    const { type, signals, read } = setup((t) => (t.lflag &= ~LFLAG.ISIG));
    type('\x03\n');
    expect(signals).toEqual([]);
    expect(read()).toBe('\x03\n');
  });

  it('IXON: VSTOP and VSTART control output and are not data', () => {
    const { type, flow, read } = setup();
    type('\x13\x11z\n');
    expect(flow).toEqual([true, false]);
    expect(read()).toBe('z\n');
  });
});

describe('non-canonical mode and mode switches', () => {
  it('makes bytes readable at once and honours VMIN for readiness', () => {
    const { termios, ld, type, read } = setup((t) => (t.lflag &= ~(LFLAG.ICANON | LFLAG.ECHO)));
    termios.cc[VCC.VMIN] = 3;
    type('ab');
    expect(ld.readable).toBe(2);
    expect(ld.ready(3)).toBe(false);
    type('c');
    expect(ld.ready(3)).toBe(true);
    expect(read()).toBe('abc');
  });

  it('a switch to raw mode makes the line being edited readable; back to canonical, queued data is one line', () => {
    const { termios, ld, type, read } = setup();
    type('half');
    const was = true;
    termios.lflag &= ~LFLAG.ICANON;
    ld.modeChanged(was);
    expect(read()).toBe('half');
    type('raw');
    termios.lflag |= LFLAG.ICANON;
    ld.modeChanged(false);
    expect(ld.ready()).toBe(true);
    expect(read()).toBe('raw');
  });
});

describe('output processing', () => {
  it('ONLCR, OCRNL, ONOCR, XTABS and OLCUC; nothing without OPOST', () => {
    const t = defaultTermios();
    const q = new OutputQueue(() => t);
    const get = () => {
      const b = new Uint8Array(100);
      return dec(b.subarray(0, q.read(b)));
    };
    q.write(enc('a\nb'));
    expect(get()).toBe('a\r\nb');
    t.oflag = OFLAG.OPOST | OFLAG.OCRNL | OFLAG.XTABS | OFLAG.OLCUC;
    q.column = 0;
    q.write(enc('x\ty\r'));
    expect(get()).toBe('X       Y\n');
    t.oflag = OFLAG.OPOST | OFLAG.ONOCR;
    q.column = 0;
    q.write(enc('\rk\r'));
    expect(get()).toBe('k\r');
    t.oflag = 0;
    q.write(enc('\n'));
    expect(get()).toBe('\n');
  });
});
