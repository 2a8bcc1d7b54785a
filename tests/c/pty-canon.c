/* Canonical mode on a pty pair: lines come back from a slave read() only after a line end, one line
 * per read; the editing characters VERASE, VKILL, VWERASE, VEOF, VEOL, VLNEXT, VREPRINT; and the
 * echo the master reads back under ECHO, ECHOE, ECHOK, ECHOKE, ECHOCTL, ECHONL.
 *
 * Each case writes its input to the master, reads the slave `reads` times, then writes a '#' on the
 * slave and reads the master up to it: what came before the '#' is the echo. (Linux writes out
 * pending echo before anything the slave writes, and a case's input ends with a line end, whose
 * echo is queued before the reader wakes, so the echo is all there by then.) */
#include "pty-check.h"

static int m, s;

static void run(const char *label, const char *input, int reads, int bufsize) {
  char line[512], b[256];
  int n = 0;
  step(label);
  write(m, input, strlen(input));
  n += sprintf(line + n, "%s: read", label);
  for (int i = 0; i < reads; i++) {
    ssize_t k = read(s, b, bufsize);
    if (k < 0) n += sprintf(line + n, " %s", en(errno));
    else n += sprintf(line + n, " %s", esc(b, k));
  }
  write(s, "#", 1);
  long e = collect(m, '#', b, sizeof b);
  printf("%s echo %s\n", line, esc(b, e));
}

/* Like run() with the slave's termios changed for the case and restored after it. */
static void with(const char *label, const char *input, int reads, tcflag_t on, tcflag_t off) {
  struct termios saved;
  tcgetattr(s, &saved);
  lflags(s, on, off);
  run(label, input, reads, 256);
  tcsetattr(s, TCSANOW, &saved);
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  open_pair(&m, &s, 0);

  struct termios t;
  tcgetattr(s, &t);
  printf("defaults: ICANON %d ECHO %d ECHOE %d ECHOK %d ECHOKE %d ECHOCTL %d ECHONL %d ISIG %d IEXTEN %d\n",
         !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO), !!(t.c_lflag & ECHOE), !!(t.c_lflag & ECHOK),
         !!(t.c_lflag & ECHOKE), !!(t.c_lflag & ECHOCTL), !!(t.c_lflag & ECHONL), !!(t.c_lflag & ISIG),
         !!(t.c_lflag & IEXTEN));
  printf("default chars: VERASE %#x VKILL %#x VWERASE %#x VEOF %#x VEOL %#x VLNEXT %#x VREPRINT %#x\n",
         t.c_cc[VERASE], t.c_cc[VKILL], t.c_cc[VWERASE], t.c_cc[VEOF], t.c_cc[VEOL], t.c_cc[VLNEXT], t.c_cc[VREPRINT]);

  /* A partial line is echoed at once but not readable: poll and FIONREAD say nothing is there. */
  step("partial line");
  put(m, "abc");
  printf("partial line echoed: %d\n", expect(m, "abc"));
  printf("partial line: readable %d FIONREAD %d\n", readable(s), inq(s));
  put(m, "\n");
  printf("newline echoed as CR NL: %d\n", expect(m, "\r\n"));
  printf("complete line: readable %d FIONREAD %d\n", readable(s), inq(s));
  char b[64];
  ssize_t k = read(s, b, sizeof b);
  printf("complete line: read %s\n", esc(b, k));

  run("two lines in one write", "one\ntwo\n", 2, 256);
  run("3-byte reads of a line", "abcdefg\n", 3, 3);
  run("VERASE (DEL)", "abx\x7f" "c\n", 1, 256);
  run("VERASE past the line start", "a\x7f\x7f\x7f" "b\n", 1, 256);
  cc(s, VERASE, '\b');
  run("VERASE set to ^H", "abx\b" "c\n", 1, 256);
  run("DEL with VERASE ^H is data", "ab\x7f" "c\n", 1, 256);
  cc(s, VERASE, 0x7f);
  with("VERASE without ECHOE", "abx\x7f" "c\n", 1, 0, ECHOE);
  run("VKILL (ECHOKE)", "abc\x15xy\n", 1, 256);
  with("VKILL with ECHOK, no ECHOKE", "abc\x15xy\n", 1, 0, ECHOKE);
  with("VKILL without ECHOK or ECHOKE", "abc\x15xy\n", 1, 0, ECHOK | ECHOKE);
  run("VWERASE", "hello world\x17there\n", 1, 256);
  run("VWERASE with trailing blanks", "foo bar  \x17" "baz\n", 1, 256);
  /* Linux's word erase is BSD's ALTWERASE: it stops at any non-alphanumeric (other than '_') after
   * erasing alphanumerics, not only at a blank. */
  run("VWERASE stops at punctuation", "foo bar-baz_1\x17\n", 1, 256);
  /* VEOF ends a partial line without being stored or echoed; at a line start, read() returns 0 */
  run("VEOF mid-line, at line start, then a line", "ab\x04\x04z\n", 3, 256);
  cc(s, VEOL, ';');
  run("VEOL ends a line, kept in the data", "ab;cd\n", 2, 256);
  cc(s, VEOL, 0);
  /* Linux echoes VLNEXT as "^\b" (a caret, then backspace over it) while waiting for the next char */
  run("VLNEXT then ^U", "a\x16\x15" "b\n", 1, 256);
  run("VLNEXT then DEL", "a\x16\x7f\n", 1, 256);
  run("VREPRINT", "abc\x12" "d\n", 1, 256);
  run("ECHOCTL shows a control char", "a\x01" "b\n", 1, 256);
  run("ECHOCTL: erasing ^A takes two columns", "a\x01\x7f" "b\n", 1, 256);
  run("ECHOCTL: a tab is echoed as is", "a\tb\n", 1, 256);
  with("no ECHOCTL", "a\x01" "b\n", 1, 0, ECHOCTL);
  with("no ECHO", "secret\n", 1, 0, ECHO);
  with("no ECHO, editing still works", "abx\x7f" "c\x15" "de\n", 1, 0, ECHO);
  with("ECHONL without ECHO", "ab\n", 1, ECHONL, ECHO);
  with("ECHONL with ECHO", "ab\n", 1, ECHONL, 0);
  return 0;
}
