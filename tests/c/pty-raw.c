/* Input and output processing and non-canonical reads on a pty pair: ICRNL, INLCR, IGNCR on input;
 * OPOST and ONLCR on output (written on the slave, read on the master, and on echo); VMIN/VTIME.
 * Checks that a read blocks use a forked child, whose result alone is printed: a correct kernel
 * gives the same bytes however the scheduling goes; the short sleeps only make a wrong early
 * return visible. */
#include "pty-check.h"

static int m, s;

static void iflags(tcflag_t on, tcflag_t off) {
  struct termios t;
  tcgetattr(s, &t);
  t.c_iflag = (t.c_iflag | on) & ~off;
  tcsetattr(s, TCSANOW, &t);
}

static void oflags(tcflag_t on, tcflag_t off) {
  struct termios t;
  tcgetattr(s, &t);
  t.c_oflag = (t.c_oflag | on) & ~off;
  tcsetattr(s, TCSANOW, &t);
}

static void vmin_vtime(int min, int time) {
  struct termios t;
  tcgetattr(s, &t);
  t.c_cc[VMIN] = min;
  t.c_cc[VTIME] = time;
  tcsetattr(s, TCSANOW, &t);
}

/* Non-canonical, no echo: writes `in` and a '.' to the master, shows what the slave reads before the '.'. */
static void input(const char *label, const char *in) {
  char b[64];
  step(label);
  put(m, in);
  put(m, ".");
  long n = collect(s, '.', b, sizeof b);
  printf("%s: %s -> %s\n", label, esc(in, strlen(in)), esc(b, n));
}

/* Writes `out` and a '.' on the slave, shows what the master reads before the '.'. */
static void output(const char *label, const char *out) {
  char b[64];
  step(label);
  put(s, out);
  put(s, ".");
  long n = collect(m, '.', b, sizeof b);
  printf("%s: %s -> %s\n", label, esc(out, strlen(out)), esc(b, n));
}

/* One read(s, 16) in this process: "label: <bytes>" or the error. */
static void read_once(const char *label) {
  char b[16];
  step(label);
  ssize_t k = read(s, b, sizeof b);
  if (k < 0) printf("%s: %s\n", label, en(errno));
  else printf("%s: %s\n", label, esc(b, k));
}

/* Forks a child that does read_once(label) while this process writes `first`, waits `gap_ms`,
 * then writes `second`; waits for the child. */
static void read_in_child(const char *label, const char *first, int gap_ms, const char *second) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    read_once(label);
    _exit(0);
  }
  put(m, first);
  usleep(gap_ms * 1000);
  put(m, second);
  step(label);
  how(c, 0);
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  open_pair(&m, &s, 0);
  struct termios t;
  tcgetattr(s, &t);
  printf("defaults: ICRNL %d INLCR %d IGNCR %d IXON %d OPOST %d ONLCR %d\n", !!(t.c_iflag & ICRNL),
         !!(t.c_iflag & INLCR), !!(t.c_iflag & IGNCR), !!(t.c_iflag & IXON), !!(t.c_oflag & OPOST),
         !!(t.c_oflag & ONLCR));

  /* canonical: CR ends the line as a NL under ICRNL, and is echoed as CR NL */
  step("ICRNL canonical");
  put(m, "ab\r");
  char b[64];
  ssize_t k = read(s, b, sizeof b);
  printf("ICRNL canonical: read %s, echo %d\n", esc(b, k), expect(m, "ab\r\n"));
  /* without ICRNL a CR is data, echoed (ECHOCTL) as ^M */
  iflags(0, ICRNL);
  put(m, "ab\r\n");
  k = read(s, b, sizeof b);
  printf("no ICRNL canonical: read %s, echo %d\n", esc(b, k), expect(m, "ab^M\r\n"));
  iflags(ICRNL, 0);

  lflags(s, 0, ICANON | ECHO);
  input("ICRNL", "a\rb\nc");
  iflags(0, ICRNL);
  input("no input mapping", "a\rb\nc");
  iflags(INLCR, 0);
  input("INLCR", "a\rb\nc");
  iflags(ICRNL, 0);
  input("INLCR and ICRNL swap", "a\rb\nc");
  iflags(IGNCR, INLCR);
  input("IGNCR (with ICRNL)", "a\rb\nc\r\r");
  iflags(0, IGNCR);

  output("OPOST ONLCR", "a\nb\r\n");
  oflags(0, ONLCR);
  output("OPOST without ONLCR", "a\nb\r\n");
  oflags(ONLCR, OPOST);
  output("ONLCR without OPOST", "a\nb\r\n");
  /* echo goes through the same output processing: without OPOST, an echoed NL stays a bare NL */
  lflags(s, ICANON | ECHO, 0);
  step("echo without OPOST");
  put(m, "ab\n");
  k = read(s, b, sizeof b);
  put(s, "#");
  long e = collect(m, '#', b, sizeof b);
  printf("echo without OPOST, with ONLCR: %s\n", esc(b, e));
  oflags(OPOST, 0);
  lflags(s, 0, ICANON | ECHO);

  /* MIN > 0, TIME = 0: a read waits for MIN bytes, then takes all there are */
  vmin_vtime(1, 0);
  put(m, "xyz");
  read_once("MIN 1 TIME 0, 3 bytes there");
  vmin_vtime(3, 0);
  read_in_child("MIN 3 TIME 0, 2 bytes then 1", "ab", 100, "c");
  put(m, "vwxyz");
  read_once("MIN 3 TIME 0, 5 bytes there");
  /* MIN = 0, TIME = 0: a poll */
  vmin_vtime(0, 0);
  read_once("MIN 0 TIME 0, nothing there");
  put(m, "q");
  read_once("MIN 0 TIME 0, 1 byte there");
  /* MIN = 0, TIME > 0: returns what there is, or 0 when TIME tenths pass with nothing */
  vmin_vtime(0, 2);
  read_once("MIN 0 TIME 2, nothing comes");
  put(m, "p");
  read_once("MIN 0 TIME 2, 1 byte there");
  vmin_vtime(0, 50);
  read_in_child("MIN 0 TIME 50, a byte comes", "r", 0, "");
  /* MIN > 0, TIME > 0: the timer runs between bytes, only once the first byte came */
  vmin_vtime(5, 2);
  put(m, "ab");
  read_once("MIN 5 TIME 2, 2 bytes then silence");
  vmin_vtime(2, 1);
  read_in_child("MIN 2 TIME 1, first byte after 3 TIMEs", "", 300, "z");
  put(m, "yz");
  read_once("MIN 2 TIME 1, 2 bytes there");
  vmin_vtime(1, 0);
  fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK);
  read_once("O_NONBLOCK, nothing there");
  return 0;
}
