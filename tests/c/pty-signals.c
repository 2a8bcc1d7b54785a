/* ISIG and window size on a pty pair, as a shell would set it up: a child S starts a session and
 * opens the slave, acquiring it as controlling terminal; its child P becomes a process group of its
 * own and the foreground group (so the group is not orphaned and a stop signal really stops it).
 * This process plays the user at the master: VINTR, VQUIT and VSUSP typed there send SIGINT,
 * SIGQUIT and SIGTSTP to the foreground group; TIOCSWINSZ sends SIGWINCH. P and S report each
 * event as a line on a pipe, which this process prints in order. */
#include "pty-check.h"

static int rep[2]; /* reports from S and P */
static int fd;     /* S's and P's slave descriptor (the controlling terminal) */

/* Writes "P got SIG<name>", with the window size for SIGWINCH (async-signal-safe). */
static void on_sig(int sig) {
  char b[64] = "P got ";
  int n = 6;
  const char *name = sig == SIGINT ? "SIGINT" : sig == SIGQUIT ? "SIGQUIT" : sig == SIGWINCH ? "SIGWINCH" : "other";
  while (*name) b[n++] = *name++;
  if (sig == SIGWINCH) {
    struct winsize ws;
    ioctl(fd, TIOCGWINSZ, &ws);
    unsigned v[2] = {ws.ws_row, ws.ws_col};
    for (int i = 0; i < 2; i++) {
      b[n++] = i ? 'x' : ' ';
      char d[8];
      int k = 0;
      do d[k++] = '0' + v[i] % 10; while (v[i] /= 10);
      while (k) b[n++] = d[--k];
    }
  }
  b[n++] = '\n';
  write(rep[1], b, n);
}

static void on_sig_s(int sig) {
  (void)sig;
  write(rep[1], "S got a signal\n", 15);
}

static void report(const char *text) { write(rep[1], text, strlen(text)); }

static void child_p(int start) {
  step_for("P", 30);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sig;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, 0);
  sigaction(SIGQUIT, &sa, 0);
  sigaction(SIGWINCH, &sa, 0);
  char b[128];
  read(start, b, 1); /* S made this group the foreground */
  snprintf(b, sizeof b, "P ready: own group %d, foreground %d\n", getpgrp() == getpid(), tcgetpgrp(fd) == getpid());
  report(b);
  for (;;) {
    ssize_t k = read(fd, b + 64, 64);
    if (k <= 0) {
      snprintf(b, sizeof b, "P read %zd %s\n", k, k < 0 ? en(errno) : "(EOF)");
      report(b);
      _exit(0);
    }
    char line[100];
    snprintf(line, sizeof line, "P read %s\n", esc(b + 64, k));
    report(line);
  }
}

static void child_s(const char *name, int m) {
  step_for("S", 30); /* a safety net: S and P end when this process's steps are done */
  close(m);
  setsid();
  fd = open(name, O_RDWR); /* no O_NOCTTY: the session leader acquires it */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sig_s;
  sigaction(SIGINT, &sa, 0);
  sigaction(SIGQUIT, &sa, 0);
  sigaction(SIGWINCH, &sa, 0);
  int start[2];
  pipe(start);
  pid_t p = fork();
  if (p == 0) {
    setpgid(0, 0);
    child_p(start[0]);
  }
  setpgid(p, p);
  if (tcsetpgrp(fd, p) < 0) report("S tcsetpgrp failed\n");
  write(start[1], "g", 1);
  for (;;) {
    int st;
    pid_t w = waitpid(p, &st, WUNTRACED | WCONTINUED);
    char b[64];
    if (w < 0 && errno == EINTR) continue;
    if (w != p) _exit(1);
    if (WIFSTOPPED(st)) {
      snprintf(b, sizeof b, "S saw P stopped by %s\n", sn(WSTOPSIG(st)));
      report(b);
      kill(p, SIGCONT);
    } else if (WIFCONTINUED(st)) {
      report("S saw P continued\n");
    } else {
      snprintf(b, sizeof b, "S saw P %s %d\n", WIFEXITED(st) ? "exit" : "killed by", WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
      report(b);
      _exit(0);
    }
  }
}

/* Prints the next report line (bounded by the alarm). */
static void next(const char *what) {
  char b[128];
  int n = 0;
  step(what);
  while (n < (int)sizeof b - 1 && read(rep[0], b + n, 1) == 1 && b[n] != '\n') n++;
  b[n] = 0;
  printf("%s: %s\n", what, b);
}

static void resize(int on, int rows, int cols) {
  struct winsize ws = {rows, cols, 0, 0};
  if (ioctl(on, TIOCSWINSZ, &ws) < 0) printf("TIOCSWINSZ: %s\n", en(errno));
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  int m, s;
  char name[64];
  open_pair(&m, &s, name);
  struct winsize ws;
  ioctl(s, TIOCGWINSZ, &ws);
  printf("initial window: %dx%d\n", ws.ws_row, ws.ws_col);
  pipe(rep);
  pid_t c = fork();
  if (c == 0) child_s(name, m);
  next("set-up");
  int fg = tcgetpgrp(m);
  /* (the foreground group is P's, whose pid this process does not know; S's group and session are S's pid) */
  printf("from the master: foreground is a group other than S %d, session is S %d\n", fg > 0 && fg != c, tcgetsid(m) == c);

  /* (the partial line's echo is awaited first: Linux drops echo still queued when ISIG flushes) */
  put(m, "abc");
  step("echo of the partial line");
  printf("partial line echoed: %d\n", expect(m, "abc"));
  put(m, "\x03");
  next("^C after a partial line");
  put(m, "\x1c");
  next("^\\");
  put(m, "d\n");
  next("next line (^C dropped the partial one)");
  put(m, "\x1a");
  next("^Z");
  next("then");

  resize(m, 50, 132);
  next("TIOCSWINSZ 50x132 on the master");
  resize(m, 50, 132); /* the same size: no signal (the next report is the next resize's) */
  resize(m, 30, 100);
  next("TIOCSWINSZ again, then 30x100");
  ioctl(s, TIOCGWINSZ, &ws);
  printf("TIOCGWINSZ on the slave: %dx%d\n", ws.ws_row, ws.ws_col);
  ioctl(m, TIOCGWINSZ, &ws);
  printf("TIOCGWINSZ on the master: %dx%d\n", ws.ws_row, ws.ws_col);
  resize(s, 40, 90);
  next("TIOCSWINSZ 40x90 on the slave");

  put(m, "e\n");
  next("a line");
  step("echo");
  put(s, "#");
  char b[256];
  long n = collect(m, '#', b, sizeof b);
  printf("echo: %s\n", esc(b, n));

  lflags(s, 0, ISIG);
  put(m, "\x03\x1c\x1a\n");
  next("without ISIG the characters are data");
  lflags(s, ISIG, 0);
  struct termios t;
  tcgetattr(s, &t);
  t.c_cc[VINTR] = 'x';
  tcsetattr(s, TCSANOW, &t);
  put(m, "\x03x");
  next("VINTR set to x");
  put(m, "\x04");
  next("^D at a line start");
  next("end");
  step("wait for S");
  printf("S: %s\n", how(c, 0));
  return 0;
}
