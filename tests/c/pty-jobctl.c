/* Controlling terminals and job control on a pty pair. A child C starts a session: without a
 * controlling terminal /dev/tty is ENXIO; opening the slave without O_NOCTTY acquires it; then
 * tcgetpgrp/tcsetpgrp/tcgetsid, TIOCSCTTY and TIOCNOTTY; background process groups (C's children,
 * each in a group of its own) reading get SIGTTIN and writing with TOSTOP get SIGTTOU, seen by C
 * through waitpid(WUNTRACED); finally C closes the master and, as the controlling process, gets
 * SIGHUP, and the slave reads EOF. C and its children print; each waits for the one before. */
#include "pty-check.h"

static int m, s, fd;
static char name[64];
static volatile int hups, ttins;

static void on_hup(int sig) { (void)sig; hups++; }
static void on_ttin(int sig) { (void)sig; ttins++; }

/* Forks a child in a new background process group (returns 0 in it, with its own alarm). */
static pid_t bg(void) {
  pid_t c = fork();
  if (c == 0) {
    setpgid(0, 0);
    alarm(5);
  } else if (c > 0) setpgid(c, c);
  return c;
}

static const char *devtty(void) {
  int t = open("/dev/tty", O_RDWR);
  if (t < 0) return en(errno);
  close(t);
  return "ok";
}

static void session(void) {
  setsid();
  printf("no controlling terminal: open /dev/tty %s\n", devtty());
  /* (each result is named before the next call: printf's arguments are evaluated in any order) */
  const char *r1 = rs(tcgetpgrp(s)), *r2 = rs(tcgetsid(s));
  printf("a terminal not ours: tcgetpgrp %s, tcgetsid %s\n", r1, r2);
  int fd0 = open(name, O_RDWR | O_NOCTTY);
  r1 = rs(fd0);
  printf("O_NOCTTY open: %s, /dev/tty %s\n", r1, devtty());
  fd = open(name, O_RDWR);
  r1 = rs(fd);
  printf("open without O_NOCTTY: %s, /dev/tty %s\n", r1, devtty());
  printf("tcgetpgrp is our group %d, tcgetsid is us %d\n", tcgetpgrp(fd) == getpid(), tcgetsid(fd) == getpid());
  step("write through /dev/tty");
  int tty = open("/dev/tty", O_RDWR);
  put(tty, "via /dev/tty\n");
  printf("written through /dev/tty, read on the master: %d\n", expect(m, "via /dev/tty\r\n"));
  printf("TIOCSCTTY on our own terminal: %s\n", rs(ioctl(fd, TIOCSCTTY, 0)));
  printf("tcsetpgrp to a group in another session: %s\n", rs(tcsetpgrp(fd, getpgid(getppid()))));
  pid_t gone = fork();
  if (gone == 0) _exit(0);
  waitpid(gone, 0, 0);
  printf("tcsetpgrp to a group that does not exist: %s\n", rs(tcsetpgrp(fd, gone)));

  step("another session");
  pid_t c = fork();
  if (c == 0) {
    setsid();
    int f = open(name, O_RDWR);
    const char *opened = rs(f), *ctty = devtty();
    printf("another session opens it: %s, /dev/tty %s, TIOCSCTTY %s\n", opened, ctty, rs(ioctl(f, TIOCSCTTY, 0)));
    _exit(0);
  }
  how(c, 0);
  c = fork();
  if (c == 0) {
    printf("TIOCSCTTY by a process that is not a session leader: %s\n", rs(ioctl(fd, TIOCSCTTY, 0)));
    _exit(0);
  }
  how(c, 0);

  step("background read");
  if ((c = bg()) == 0) {
    char b;
    read(fd, &b, 1);
    _exit(0);
  }
  printf("background read: %s\n", how(c, WUNTRACED));
  kill(c, SIGKILL);
  printf("then SIGKILL: %s\n", how(c, 0));
  if ((c = bg()) == 0) {
    signal(SIGTTIN, SIG_IGN);
    char b;
    printf("background read, SIGTTIN ignored: %s\n", rs(read(fd, &b, 1)));
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTTIN);
    signal(SIGTTIN, SIG_DFL);
    sigprocmask(SIG_BLOCK, &set, 0);
    printf("background read, SIGTTIN blocked: %s\n", rs(read(fd, &b, 1)));
    sigprocmask(SIG_UNBLOCK, &set, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_ttin; /* no SA_RESTART: the read fails EINTR after the handler */
    sigaction(SIGTTIN, &sa, 0);
    const char *r = rs(read(fd, &b, 1));
    printf("background read, SIGTTIN caught: %s, handler ran %d\n", r, ttins);
    _exit(0);
  }
  how(c, 0);

  step("background write");
  if ((c = bg()) == 0) {
    printf("background write without TOSTOP: %s\n", rs(write(fd, "bg\n", 3)));
    _exit(0);
  }
  how(c, 0);
  printf("the master read it: %d\n", expect(m, "bg\r\n"));
  lflags(fd, TOSTOP, 0);
  if ((c = bg()) == 0) {
    write(fd, "no\n", 3);
    _exit(0);
  }
  printf("background write with TOSTOP: %s\n", how(c, WUNTRACED));
  kill(c, SIGKILL);
  how(c, 0);
  if ((c = bg()) == 0) {
    signal(SIGTTOU, SIG_IGN);
    printf("background write with TOSTOP, SIGTTOU ignored: %s\n", rs(write(fd, "ign\n", 4)));
    _exit(0);
  }
  how(c, 0);
  printf("the master read it: %d\n", expect(m, "ign\r\n"));
  lflags(fd, 0, TOSTOP);
  if ((c = bg()) == 0) {
    struct termios t;
    tcgetattr(fd, &t);
    tcsetattr(fd, TCSANOW, &t);
    _exit(0);
  }
  printf("background tcsetattr without TOSTOP: %s\n", how(c, WUNTRACED));
  kill(c, SIGKILL);
  how(c, 0);

  /* A shell's hand-over: the job takes the terminal (SIGTTOU blocked), reads, and the shell takes
   * it back the same way. */
  step("foreground hand-over");
  int go[2];
  pipe(go);
  if ((c = bg()) == 0) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTTOU);
    sigprocmask(SIG_BLOCK, &set, 0);
    int r = tcsetpgrp(fd, getpgrp());
    printf("background job takes the foreground (SIGTTOU blocked): %s, tcgetpgrp is its group %d\n", rs(r),
           tcgetpgrp(fd) == getpgrp());
    write(go[1], "x", 1);
    char b[16];
    ssize_t k = read(fd, b, sizeof b);
    printf("then it reads: %s\n", esc(b, k > 0 ? k : 0));
    _exit(0);
  }
  char x;
  read(go[0], &x, 1);
  put(m, "fg\n");
  how(c, 0);
  expect(m, "fg\r\n");
  char b;
  /* our own group is orphaned (our parent is in another session): no SIGTTIN, EIO */
  printf("session leader in the background reads: %s\n", rs(read(fd, &b, 1)));
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTTOU);
  sigprocmask(SIG_BLOCK, &set, 0);
  printf("and takes the foreground back: %s\n", rs(tcsetpgrp(fd, getpgrp())));
  sigprocmask(SIG_UNBLOCK, &set, 0);

  /* Linux: the session leader's TIOCNOTTY sends SIGHUP (and SIGCONT) to the foreground group,
   * here its own */
  signal(SIGHUP, on_hup);
  r1 = rs(ioctl(fd, TIOCNOTTY));
  printf("TIOCNOTTY: %s, SIGHUP %d, /dev/tty %s\n", r1, hups, devtty());
  r1 = rs(ioctl(fd, TIOCSCTTY, 0));
  printf("TIOCSCTTY: %s, /dev/tty %s, foreground is our group %d\n", r1, devtty(), tcgetpgrp(fd) == getpgrp());

  /* The master closes: the slave hangs up, the session leader gets SIGHUP. */
  step("hang-up");
  hups = 0;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigprocmask(SIG_BLOCK, &set, 0);
  close(m);
  sigemptyset(&set);
  while (!hups) sigsuspend(&set);
  printf("master closed: SIGHUP %d\n", hups);
  int n1 = (int)read(fd, &b, 1), n2 = (int)read(fd0, &b, 1);
  printf("slave read returns 0 (EOF): %d, on the O_NOCTTY descriptor too %d\n", n1, n2);
  r1 = rs(write(fd, "x", 1));
  printf("slave write: %s, through /dev/tty %s\n", r1, rs(write(tty, "x", 1)));
  struct termios t;
  printf("tcgetattr: %s\n", rs(tcgetattr(fd, &t)));
  printf("/dev/tty: %s\n", devtty());
  struct stat st;
  printf("stat %s: %s\n", strncmp(name, "/dev/pts/", 9) ? name : "/dev/pts/N", rs(stat(name, &st)));
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  open_pair(&m, &s, name);
  int go[2];
  pipe(go);
  pid_t c = fork();
  if (c == 0) {
    char x;
    read(go[0], &x, 1); /* the parent closed its master */
    step("session");
    session();
    _exit(0);
  }
  close(m);
  write(go[1], "x", 1);
  step_for("wait for the session", 40);
  printf("session: %s\n", how(c, 0));
  return 0;
}
