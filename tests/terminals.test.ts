import { describe, expect, it } from 'vitest';
import { kandelo, program } from './lib/run.js';

/**
 * Terminals: C programs (tests/c/pty-*.c) drive a pty pair from posix_openpt (and openpty) and print one
 * line per checked fact. The expected lines are exactly what the same programs print natively on Linux
 * (gcc with glibc and musl-gcc, Linux 6.18, as root); bytes are shown C-style in double quotes. The
 * programs synchronise with pipes, waitpid and the echo itself rather than with timing, and bound each
 * step with alarm(): a hang prints "timeout: <step>" and exits 124.
 */
describe('terminals: ptys, line discipline, job control', () => {
  // TIOCEXCL: a second open fails EBUSY except for root (Linux lets CAP_SYS_ADMIN through); the program runs the
  // non-root open in a child after setuid(65534), and the uid 65534 open before TIOCEXCL shows that the fchmod let it in.
  // Default termios: a pty slave has no HUPCL (cflag B38400|CS8|CREAD), unlike a console.
  it('opening a pair, openpty, default termios, tcsetattr actions, speeds, FIONREAD, tcflush, tcdrain, TIOCOUTQ, TIOCEXCL', async () => {
    const r = await kandelo(['run', program('pty-ioctl')]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'posix_openpt: ok, grantpt: ok',
      'ptsname is /dev/pts/<TIOCGPTN>: 1',
      'slave open before unlockpt: EIO',
      'unlockpt: ok',
      'slave open after: ok',
      'default termios: iflag 02400 oflag 05 cflag 0277 lflag 0105073',
      'default c_cc: INTR 3 QUIT 28 ERASE 127 KILL 21 EOF 4 TIME 0 MIN 1 START 17 STOP 19 SUSP 26 EOL 0 REPRINT 18 DISCARD 15 WERASE 23 LNEXT 22 EOL2 0',
      'default speed B38400: out 1 in 1',
      'relocked with TIOCSPTLCK: open EIO',
      'unlocked again: open ok',
      'TIOCGPTN on the slave: ENOTTY',
      'isatty: master 1 slave 1 pipe 0 ENOTTY',
      'ttyname(slave) is ptsname: 1',
      'slave node: character device 1, same as the descriptor 1',
      'listed in /dev/pts: 1',
      'a second master gets another number: 1',
      'openpty: ok, name matches ttyname 1, window 24x80, ECHO 0',
      'tcgetattr on a pipe: ENOTTY',
      'TCSANOW: ok, ICANON 0; TCSADRAIN: ok, ICANON 1',
      'tcsetattr with a bad action: EINVAL',
      'pending line: readable 1 FIONREAD 5',
      'TCSAFLUSH: ok, then readable 0 FIONREAD 0',
      'B9600 round trip: out 1 in 1',
      'tcflush(TCIFLUSH): readable before 1, ok, after 0 FIONREAD 0',
      'next line: "x\\n"',
      'slave wrote "hello\\n": master readable 1 FIONREAD 7',
      'master read 3: "hel", FIONREAD 4',
      'tcflush(master, TCIFLUSH): ok, FIONREAD 0 readable 0',
      'TIOCOUTQ on the slave: ok 0',
      'tcdrain: slave ok master ok; tcsendbreak: ok',
      'fchmod 0666: ok',
      'as uid 65534: ok',
      'TIOCEXCL: ok',
      'as uid 65534: EBUSY',
      'as root: ok',
      'TIOCNXCL: ok',
      'as uid 65534: ok',
      '',
    ]);
    expect(r.code).toBe(0);
  });

  // Linux echo details: ECHOE erases with "\b \b"; ECHOCTL shows control chars as ^X (DEL as ^?) and erases them
  // with two "\b \b"; VKILL under ECHOKE erases char by char, with ECHOK alone echoes "^U" then CR NL, with neither
  // just "^U"; VEOF is neither stored nor echoed; VLNEXT echoes "^\b" while waiting; VREPRINT echoes "^R", CR NL,
  // then the line; VWERASE is BSD ALTWERASE (stops at punctuation after alphanumerics, e.g. "bar-baz_1" loses "baz_1").
  it('canonical mode: line-at-a-time reads, VERASE, VKILL, VWERASE, VEOF, VEOL, VLNEXT, VREPRINT and their echo', async () => {
    const r = await kandelo(['run', program('pty-canon')]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'defaults: ICANON 1 ECHO 1 ECHOE 1 ECHOK 1 ECHOKE 1 ECHOCTL 1 ECHONL 0 ISIG 1 IEXTEN 1',
      'default chars: VERASE 0x7f VKILL 0x15 VWERASE 0x17 VEOF 0x4 VEOL 0 VLNEXT 0x16 VREPRINT 0x12',
      'partial line echoed: 1',
      'partial line: readable 0 FIONREAD 0',
      'newline echoed as CR NL: 1',
      'complete line: readable 1 FIONREAD 4',
      'complete line: read "abc\\n"',
      'two lines in one write: read "one\\n" "two\\n" echo "one\\r\\ntwo\\r\\n"',
      '3-byte reads of a line: read "abc" "def" "g\\n" echo "abcdefg\\r\\n"',
      'VERASE (DEL): read "abc\\n" echo "abx\\b \\bc\\r\\n"',
      'VERASE past the line start: read "b\\n" echo "a\\b \\bb\\r\\n"',
      'VERASE set to ^H: read "abc\\n" echo "abx\\b \\bc\\r\\n"',
      'DEL with VERASE ^H is data: read "ab\\x7fc\\n" echo "ab^?c\\r\\n"',
      'VERASE without ECHOE: read "abc\\n" echo "abx^?c\\r\\n"',
      'VKILL (ECHOKE): read "xy\\n" echo "abc\\b \\b\\b \\b\\b \\bxy\\r\\n"',
      'VKILL with ECHOK, no ECHOKE: read "xy\\n" echo "abc^U\\r\\nxy\\r\\n"',
      'VKILL without ECHOK or ECHOKE: read "xy\\n" echo "abc^Uxy\\r\\n"',
      'VWERASE: read "hello there\\n" echo "hello world\\b \\b\\b \\b\\b \\b\\b \\b\\b \\bthere\\r\\n"',
      'VWERASE with trailing blanks: read "foo baz\\n" echo "foo bar  \\b \\b\\b \\b\\b \\b\\b \\b\\b \\bbaz\\r\\n"',
      'VWERASE stops at punctuation: read "foo bar-\\n" echo "foo bar-baz_1\\b \\b\\b \\b\\b \\b\\b \\b\\b \\b\\r\\n"',
      'VEOF mid-line, at line start, then a line: read "ab" "" "z\\n" echo "abz\\r\\n"',
      'VEOL ends a line, kept in the data: read "ab;" "cd\\n" echo "ab;cd\\r\\n"',
      'VLNEXT then ^U: read "a\\x15b\\n" echo "a^\\b^Ub\\r\\n"',
      'VLNEXT then DEL: read "a\\x7f\\n" echo "a^\\b^?\\r\\n"',
      'VREPRINT: read "abcd\\n" echo "abc^R\\r\\nabcd\\r\\n"',
      'ECHOCTL shows a control char: read "a\\x01b\\n" echo "a^Ab\\r\\n"',
      'ECHOCTL: erasing ^A takes two columns: read "ab\\n" echo "a^A\\b \\b\\b \\bb\\r\\n"',
      'ECHOCTL: a tab is echoed as is: read "a\\tb\\n" echo "a\\tb\\r\\n"',
      'no ECHOCTL: read "a\\x01b\\n" echo "a\\x01b\\r\\n"',
      'no ECHO: read "secret\\n" echo ""',
      'no ECHO, editing still works: read "de\\n" echo ""',
      'ECHONL without ECHO: read "ab\\n" echo "\\r\\n"',
      'ECHONL with ECHO: read "ab\\n" echo "ab\\r\\n"',
      '',
    ]);
    expect(r.code).toBe(0);
  });

  // Echo goes through OPOST like output: without OPOST an echoed NL stays a bare NL even with ONLCR.
  it('input mapping (ICRNL, INLCR, IGNCR), output processing (OPOST, ONLCR), non-canonical VMIN/VTIME', async () => {
    const r = await kandelo(['run', program('pty-raw')]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'defaults: ICRNL 1 INLCR 0 IGNCR 0 IXON 1 OPOST 1 ONLCR 1',
      'ICRNL canonical: read "ab\\n", echo 1',
      'no ICRNL canonical: read "ab\\r\\n", echo 1',
      'ICRNL: "a\\rb\\nc" -> "a\\nb\\nc"',
      'no input mapping: "a\\rb\\nc" -> "a\\rb\\nc"',
      'INLCR: "a\\rb\\nc" -> "a\\rb\\rc"',
      'INLCR and ICRNL swap: "a\\rb\\nc" -> "a\\nb\\rc"',
      'IGNCR (with ICRNL): "a\\rb\\nc\\r\\r" -> "ab\\nc"',
      'OPOST ONLCR: "a\\nb\\r\\n" -> "a\\r\\nb\\r\\r\\n"',
      'OPOST without ONLCR: "a\\nb\\r\\n" -> "a\\nb\\r\\n"',
      'ONLCR without OPOST: "a\\nb\\r\\n" -> "a\\nb\\r\\n"',
      'echo without OPOST, with ONLCR: "ab\\n"',
      'MIN 1 TIME 0, 3 bytes there: "xyz"',
      'MIN 3 TIME 0, 2 bytes then 1: "abc"',
      'MIN 3 TIME 0, 5 bytes there: "vwxyz"',
      'MIN 0 TIME 0, nothing there: ""',
      'MIN 0 TIME 0, 1 byte there: "q"',
      'MIN 0 TIME 2, nothing comes: ""',
      'MIN 0 TIME 2, 1 byte there: "p"',
      'MIN 0 TIME 50, a byte comes: "r"',
      'MIN 5 TIME 2, 2 bytes then silence: "ab"',
      'MIN 2 TIME 1, first byte after 3 TIMEs: "z"',
      'MIN 2 TIME 1, 2 bytes there: "yz"',
      'O_NONBLOCK, nothing there: EAGAIN',
      '',
    ]);
    expect(r.code).toBe(0);
  });

  // Linux drops echo that is still queued when an ISIG character flushes the input (the program waits for a
  // partial line's echo before typing ^C); a TIOCSWINSZ to the current size sends no SIGWINCH.
  it('ISIG: ^C, ^\\ and ^Z signal the foreground group; TIOCSWINSZ sends SIGWINCH; sizes read back on both sides', async () => {
    const r = await kandelo(['run', program('pty-signals')]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'initial window: 0x0',
      'set-up: P ready: own group 1, foreground 1',
      'from the master: foreground is a group other than S 1, session is S 1',
      'partial line echoed: 1',
      '^C after a partial line: P got SIGINT',
      '^\\: P got SIGQUIT',
      'next line (^C dropped the partial one): P read "d\\n"',
      '^Z: S saw P stopped by SIGTSTP',
      'then: S saw P continued',
      'TIOCSWINSZ 50x132 on the master: P got SIGWINCH 50x132',
      'TIOCSWINSZ again, then 30x100: P got SIGWINCH 30x100',
      'TIOCGWINSZ on the slave: 30x100',
      'TIOCGWINSZ on the master: 30x100',
      'TIOCSWINSZ 40x90 on the slave: P got SIGWINCH 40x90',
      'a line: P read "e\\n"',
      'echo: "^C^\\\\d\\r\\n^Ze\\r\\n"',
      'without ISIG the characters are data: P read "\\x03\\x1c\\x1a\\n"',
      'VINTR set to x: P got SIGINT',
      '^D at a line start: P read 0 (EOF)',
      'end: S saw P exit 0',
      'S: exit 0',
      '',
    ]);
    expect(r.code).toBe(0);
  });

  // Linux: a background read with SIGTTIN ignored or blocked fails EIO, and so does one from an orphaned group (the
  // session leader's own); with a handler (no SA_RESTART) it fails EINTR. tcsetattr from the background stops the
  // process with SIGTTOU even without TOSTOP. The session leader's TIOCNOTTY sends SIGHUP to the foreground group
  // (its own here). After the master closes, the slave reads 0, writes and ioctls fail EIO, /dev/tty is ENXIO and
  // the /dev/pts node is gone.
  it('controlling terminal, /dev/tty, tcgetpgrp/tcsetpgrp/tcgetsid, TIOCSCTTY/TIOCNOTTY, SIGTTIN/SIGTTOU, hang-up', async () => {
    const r = await kandelo(['run', program('pty-jobctl')]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'no controlling terminal: open /dev/tty ENXIO',
      'a terminal not ours: tcgetpgrp ENOTTY, tcgetsid ENOTTY',
      'O_NOCTTY open: ok, /dev/tty ENXIO',
      'open without O_NOCTTY: ok, /dev/tty ok',
      'tcgetpgrp is our group 1, tcgetsid is us 1',
      'written through /dev/tty, read on the master: 1',
      'TIOCSCTTY on our own terminal: ok',
      'tcsetpgrp to a group in another session: EPERM',
      'tcsetpgrp to a group that does not exist: ESRCH',
      'another session opens it: ok, /dev/tty ENXIO, TIOCSCTTY EPERM',
      'TIOCSCTTY by a process that is not a session leader: EPERM',
      'background read: stopped by SIGTTIN',
      'then SIGKILL: killed by SIGKILL',
      'background read, SIGTTIN ignored: EIO',
      'background read, SIGTTIN blocked: EIO',
      'background read, SIGTTIN caught: EINTR, handler ran 1',
      'background write without TOSTOP: ok',
      'the master read it: 1',
      'background write with TOSTOP: stopped by SIGTTOU',
      'background write with TOSTOP, SIGTTOU ignored: ok',
      'the master read it: 1',
      'background tcsetattr without TOSTOP: stopped by SIGTTOU',
      'background job takes the foreground (SIGTTOU blocked): ok, tcgetpgrp is its group 1',
      'then it reads: "fg\\n"',
      'session leader in the background reads: EIO',
      'and takes the foreground back: ok',
      'TIOCNOTTY: ok, SIGHUP 1, /dev/tty ENXIO',
      'TIOCSCTTY: ok, /dev/tty ok, foreground is our group 1',
      'master closed: SIGHUP 1',
      'slave read returns 0 (EOF): 0, on the O_NOCTTY descriptor too 0',
      'slave write: EIO, through /dev/tty EIO',
      'tcgetattr: EIO',
      '/dev/tty: ENXIO',
      'stat /dev/pts/N: ENOENT',
      'session: exit 0',
      '',
    ]);
    expect(r.code).toBe(0);
  });
});
