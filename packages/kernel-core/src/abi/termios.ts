/**
 * Terminal attributes as the TCGETS/TCSETS ioctls carry them: Linux's kernel struct termios
 * (NCCS 19, 36 bytes). musl's struct termios is longer (c_cc[32] and two speed fields after it)
 * but shares this prefix, and its tcgetattr/tcsetattr pass it to the ioctl as is.
 */
export const KTERMIOS = {
  c_iflag: 0, c_oflag: 4, c_cflag: 8, c_lflag: 12, c_line: 16, c_cc: 17,
  /** Number of control characters the kernel stores. */
  NCCS: 19,
  SIZE: 36,
} as const;

/** c_cc indices. */
export const VCC = {
  VINTR: 0, VQUIT: 1, VERASE: 2, VKILL: 3, VEOF: 4, VTIME: 5, VMIN: 6, VSWTC: 7, VSTART: 8, VSTOP: 9,
  VSUSP: 10, VEOL: 11, VREPRINT: 12, VDISCARD: 13, VWERASE: 14, VLNEXT: 15, VEOL2: 16,
} as const;

/** c_iflag bits. */
export const IFLAG = {
  IGNBRK: 0o1, BRKINT: 0o2, IGNPAR: 0o4, PARMRK: 0o10, INPCK: 0o20, ISTRIP: 0o40, INLCR: 0o100, IGNCR: 0o200,
  ICRNL: 0o400, IUCLC: 0o1000, IXON: 0o2000, IXANY: 0o4000, IXOFF: 0o10000, IMAXBEL: 0o20000, IUTF8: 0o40000,
} as const;

/** c_oflag bits. */
export const OFLAG = {
  OPOST: 0o1, OLCUC: 0o2, ONLCR: 0o4, OCRNL: 0o10, ONOCR: 0o20, ONLRET: 0o40, OFILL: 0o100, OFDEL: 0o200,
  TABDLY: 0o14000, XTABS: 0o14000,
} as const;

/** c_cflag bits. */
export const CFLAG = {
  CBAUD: 0o10017, B38400: 0o17, CSIZE: 0o60, CS8: 0o60, CSTOPB: 0o100, CREAD: 0o200, PARENB: 0o400,
  PARODD: 0o1000, HUPCL: 0o2000, CLOCAL: 0o4000,
} as const;

/** c_lflag bits. */
export const LFLAG = {
  ISIG: 0o1, ICANON: 0o2, XCASE: 0o4, ECHO: 0o10, ECHOE: 0o20, ECHOK: 0o40, ECHONL: 0o100, NOFLSH: 0o200,
  TOSTOP: 0o400, ECHOCTL: 0o1000, ECHOPRT: 0o2000, ECHOKE: 0o4000, FLUSHO: 0o10000, PENDIN: 0o40000,
  IEXTEN: 0o100000, EXTPROC: 0o200000,
} as const;

/** tcflush queue selectors (TCFLSH), tcsetattr actions are TCSETS + TCSA_*. */
export const TCFLSH_QUEUE = { TCIFLUSH: 0, TCOFLUSH: 1, TCIOFLUSH: 2 } as const;
/** tcflow actions (TCXONC). */
export const TCXONC_ACTION = { TCOOFF: 0, TCOON: 1, TCIOFF: 2, TCION: 3 } as const;
