/* Opening a pty pair and the termios/ioctl calls around it: posix_openpt/grantpt/unlockpt/ptsname,
 * TIOCGPTN, TIOCSPTLCK, isatty, ttyname, /dev/pts listing, openpty(); the default termios;
 * tcgetattr/tcsetattr with TCSANOW/TCSADRAIN/TCSAFLUSH, baud rates; FIONREAD on both sides, tcflush,
 * tcdrain, tcsendbreak, TIOCOUTQ; TIOCEXCL/TIOCNXCL. */
#include "pty-check.h"
#include <dirent.h>
#include <pty.h>

/* Opens `name` as uid 65534 (in a child; when we are root, root would pass TIOCEXCL). */
static const char *open_as_nobody(const char *name) {
  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    if (geteuid() == 0 && setuid(65534) < 0) _exit(1);
    const char *r = rs(open(name, O_RDWR | O_NOCTTY));
    write(p[1], r, strlen(r) + 1);
    _exit(0);
  }
  static char b[16] = "";
  read(p[0], b, sizeof b);
  waitpid(c, 0, 0);
  close(p[0]);
  close(p[1]);
  return b;
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  printf("posix_openpt: %s, grantpt: %s\n", rs(m), rs(grantpt(m)));
  char name[64];
  strcpy(name, ptsname(m));
  int ptn = -1;
  ioctl(m, TIOCGPTN, &ptn);
  char want[64];
  snprintf(want, sizeof want, "/dev/pts/%d", ptn);
  printf("ptsname is /dev/pts/<TIOCGPTN>: %d\n", ptn >= 0 && !strcmp(name, want));
  printf("slave open before unlockpt: %s\n", rs(open(name, O_RDWR | O_NOCTTY)));
  printf("unlockpt: %s\n", rs(unlockpt(m)));
  int s = open(name, O_RDWR | O_NOCTTY);
  printf("slave open after: %s\n", rs(s));
  struct termios t;
  tcgetattr(s, &t);
  printf("default termios: iflag %#o oflag %#o cflag %#o lflag %#o\n", t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag);
  printf("default c_cc: INTR %d QUIT %d ERASE %d KILL %d EOF %d TIME %d MIN %d START %d STOP %d SUSP %d EOL %d "
         "REPRINT %d DISCARD %d WERASE %d LNEXT %d EOL2 %d\n",
         t.c_cc[VINTR], t.c_cc[VQUIT], t.c_cc[VERASE], t.c_cc[VKILL], t.c_cc[VEOF], t.c_cc[VTIME], t.c_cc[VMIN],
         t.c_cc[VSTART], t.c_cc[VSTOP], t.c_cc[VSUSP], t.c_cc[VEOL], t.c_cc[VREPRINT], t.c_cc[VDISCARD],
         t.c_cc[VWERASE], t.c_cc[VLNEXT], t.c_cc[VEOL2]);
  printf("default speed B38400: out %d in %d\n", cfgetospeed(&t) == B38400, cfgetispeed(&t) == B38400);
  int one = 1, zero = 0;
  ioctl(m, TIOCSPTLCK, &one);
  printf("relocked with TIOCSPTLCK: open %s\n", rs(open(name, O_RDWR | O_NOCTTY)));
  ioctl(m, TIOCSPTLCK, &zero);
  int s2 = open(name, O_RDWR | O_NOCTTY);
  printf("unlocked again: open %s\n", rs(s2));
  close(s2);
  printf("TIOCGPTN on the slave: %s\n", rs(ioctl(s, TIOCGPTN, &ptn)));
  int pp[2];
  pipe(pp);
  int a = isatty(m), b = isatty(s), c = isatty(pp[0]);
  printf("isatty: master %d slave %d pipe %d %s\n", a, b, c, en(errno));
  char *tn = ttyname(s);
  printf("ttyname(slave) is ptsname: %d\n", tn && !strcmp(tn, name));
  struct stat st, fst;
  stat(name, &st);
  fstat(s, &fst);
  printf("slave node: character device %d, same as the descriptor %d\n", S_ISCHR(st.st_mode), st.st_rdev == fst.st_rdev);
  DIR *d = opendir("/dev/pts");
  struct dirent *e;
  int listed = 0;
  while (d && (e = readdir(d))) listed |= !strcmp(e->d_name, name + 9);
  if (d) closedir(d);
  printf("listed in /dev/pts: %d\n", listed);
  int m2 = posix_openpt(O_RDWR | O_NOCTTY);
  printf("a second master gets another number: %d\n", m2 >= 0 && strcmp(ptsname(m2), name) != 0);
  close(m2);

  int am, as;
  char an[64];
  t.c_lflag &= ~ECHO;
  struct winsize ws = {24, 80, 0, 0};
  printf("openpty: %s", rs(openpty(&am, &as, an, &t, &ws)));
  tn = ttyname(as);
  memset(&ws, 0, sizeof ws);
  ioctl(as, TIOCGWINSZ, &ws);
  struct termios at;
  tcgetattr(as, &at);
  printf(", name matches ttyname %d, window %dx%d, ECHO %d\n", tn && !strcmp(tn, an), ws.ws_row, ws.ws_col, !!(at.c_lflag & ECHO));
  close(am);
  close(as);

  printf("tcgetattr on a pipe: %s\n", rs(tcgetattr(pp[0], &t)));

  /* tcsetattr's three ways; each change reads back */
  lflags(s, 0, ECHO);
  tcgetattr(s, &t);
  t.c_lflag &= ~ICANON;
  printf("TCSANOW: %s", rs(tcsetattr(s, TCSANOW, &t)));
  tcgetattr(s, &t);
  printf(", ICANON %d", !!(t.c_lflag & ICANON));
  t.c_lflag |= ICANON;
  printf("; TCSADRAIN: %s", rs(tcsetattr(s, TCSADRAIN, &t)));
  tcgetattr(s, &t);
  printf(", ICANON %d\n", !!(t.c_lflag & ICANON));
  printf("tcsetattr with a bad action: %s\n", rs(tcsetattr(s, 42, &t)));
  step("TCSAFLUSH");
  put(m, "junk\n");
  int rd = readable(s);
  printf("pending line: readable %d FIONREAD %d\n", rd, inq(s));
  printf("TCSAFLUSH: %s", rs(tcsetattr(s, TCSAFLUSH, &t)));
  printf(", then readable %d FIONREAD %d\n", readable(s), inq(s));
  cfsetospeed(&t, B9600);
  cfsetispeed(&t, B9600);
  tcsetattr(s, TCSANOW, &t);
  memset(&t, 0, sizeof t);
  tcgetattr(s, &t);
  printf("B9600 round trip: out %d in %d\n", cfgetospeed(&t) == B9600, cfgetispeed(&t) == B9600);

  step("tcflush");
  put(m, "abc\n");
  printf("tcflush(TCIFLUSH): readable before %d", readable(s));
  printf(", %s", rs(tcflush(s, TCIFLUSH)));
  printf(", after %d FIONREAD %d\n", readable(s), inq(s));
  put(m, "x\n");
  char buf[64];
  ssize_t k = read(s, buf, sizeof buf);
  printf("next line: %s\n", esc(buf, k));

  step("master FIONREAD");
  put(s, "hello\n");
  rd = readable(m);
  printf("slave wrote \"hello\\n\": master readable %d FIONREAD %d\n", rd, inq(m));
  k = read(m, buf, 3);
  printf("master read 3: %s, FIONREAD %d\n", esc(buf, k), inq(m));
  printf("tcflush(master, TCIFLUSH): %s", rs(tcflush(m, TCIFLUSH)));
  printf(", FIONREAD %d readable %d\n", inq(m), readable(m));
  int outq = -1;
  printf("TIOCOUTQ on the slave: %s", rs(ioctl(s, TIOCOUTQ, &outq)));
  printf(" %d\n", outq);
  printf("tcdrain: slave %s", rs(tcdrain(s)));
  printf(" master %s; tcsendbreak: %s\n", rs(tcdrain(m)), rs(tcsendbreak(s, 0)));

  /* TIOCEXCL: further opens fail EBUSY, except for root (CAP_SYS_ADMIN on Linux). */
  printf("fchmod 0666: %s\n", rs(fchmod(s, 0666)));
  printf("as uid 65534: %s\n", open_as_nobody(name));
  printf("TIOCEXCL: %s\n", rs(ioctl(s, TIOCEXCL)));
  printf("as uid 65534: %s\n", open_as_nobody(name));
  int r = open(name, O_RDWR | O_NOCTTY);
  printf("as root: %s\n", geteuid() == 0 ? rs(r) : "skipped (not root)");
  close(r);
  printf("TIOCNXCL: %s\n", rs(ioctl(s, TIOCNXCL)));
  printf("as uid 65534: %s\n", open_as_nobody(name));
  return 0;
}
