import { CFLAG, IFLAG, KTERMIOS, LFLAG, OFLAG, type ProcessMemory, VCC } from '@kandelo/kernel-core';

/** A terminal's attributes (Linux's kernel struct termios). */
export interface Termios {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  line: number;
  /** KTERMIOS.NCCS control characters, indexed by VCC. */
  cc: Uint8Array;
}

/** A control character that is switched off (_POSIX_VDISABLE). */
export const VDISABLE = 0;

const ctrl = (c: string): number => c.charCodeAt(0) & 0x1f;

/** What a new pty slave starts with on Linux: tty_std_termios, c_cflag without HUPCL (cooked, echoing, 38400 8N1). */
export function defaultTermios(): Termios {
  const cc = new Uint8Array(KTERMIOS.NCCS);
  cc[VCC.VINTR] = ctrl('C');
  cc[VCC.VQUIT] = 0x1c; // ^\
  cc[VCC.VERASE] = 0x7f;
  cc[VCC.VKILL] = ctrl('U');
  cc[VCC.VEOF] = ctrl('D');
  cc[VCC.VTIME] = 0;
  cc[VCC.VMIN] = 1;
  cc[VCC.VSTART] = ctrl('Q');
  cc[VCC.VSTOP] = ctrl('S');
  cc[VCC.VSUSP] = ctrl('Z');
  cc[VCC.VREPRINT] = ctrl('R');
  cc[VCC.VDISCARD] = ctrl('O');
  cc[VCC.VWERASE] = ctrl('W');
  cc[VCC.VLNEXT] = ctrl('V');
  return {
    iflag: IFLAG.ICRNL | IFLAG.IXON,
    oflag: OFLAG.OPOST | OFLAG.ONLCR,
    cflag: CFLAG.B38400 | CFLAG.CS8 | CFLAG.CREAD,
    lflag: LFLAG.ISIG | LFLAG.ICANON | LFLAG.ECHO | LFLAG.ECHOE | LFLAG.ECHOK | LFLAG.ECHOCTL | LFLAG.ECHOKE | LFLAG.IEXTEN,
    line: 0,
    cc,
  };
}

export function readTermios(m: ProcessMemory, addr: number): Termios {
  m.check(addr, KTERMIOS.SIZE);
  return {
    iflag: m.u32(addr + KTERMIOS.c_iflag),
    oflag: m.u32(addr + KTERMIOS.c_oflag),
    cflag: m.u32(addr + KTERMIOS.c_cflag),
    lflag: m.u32(addr + KTERMIOS.c_lflag),
    line: m.bytes(addr + KTERMIOS.c_line, 1)[0]!,
    cc: m.bytes(addr + KTERMIOS.c_cc, KTERMIOS.NCCS).slice(),
  };
}

export function writeTermios(m: ProcessMemory, addr: number, t: Termios): void {
  m.check(addr, KTERMIOS.SIZE);
  m.setU32(addr + KTERMIOS.c_iflag, t.iflag);
  m.setU32(addr + KTERMIOS.c_oflag, t.oflag);
  m.setU32(addr + KTERMIOS.c_cflag, t.cflag);
  m.setU32(addr + KTERMIOS.c_lflag, t.lflag);
  m.setU8(addr + KTERMIOS.c_line, t.line);
  m.write(addr + KTERMIOS.c_cc, t.cc);
}

export const copyTermios = (t: Termios): Termios => ({ ...t, cc: t.cc.slice() });
