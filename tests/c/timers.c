/* Interval timers and sleeps: a one-shot ITIMER_REAL interrupts nanosleep (EINTR, time left),
 * getitimer reads it back, a periodic timer fires repeatedly, alarm() returns what was left. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile int alarms;
static void on_alrm(int s) { (void)s; alarms++; }

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  signal(SIGALRM, on_alrm);
  // 200 ms, and nothing slow (no output) before the sleep: on a loaded machine a 50 ms timer
  // could fire before nanosleep starts, and the sleep would then run its full second.
  struct itimerval it = {{0, 0}, {0, 200000}}, cur;
  setitimer(ITIMER_REAL, &it, 0);
  getitimer(ITIMER_REAL, &cur);
  struct timespec req = {1, 0}, rem = {0, 0};
  errno = 0;
  int r = nanosleep(&req, &rem);
  int err = errno;
  printf("armed: value>0 %d interval 0 %d\n", cur.it_value.tv_usec > 0 || cur.it_value.tv_sec > 0, cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 0);
  printf("nanosleep interrupted: %d %s, alarms %d, time left 0.5-1s %d\n", r, strerror(err), alarms, rem.tv_sec == 0 && rem.tv_nsec > 500000000);
  getitimer(ITIMER_REAL, &cur);
  printf("disarmed after firing: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);

  /* periodic */
  alarms = 0;
  struct itimerval per = {{0, 20000}, {0, 20000}};
  setitimer(ITIMER_REAL, &per, 0);
  sigset_t none;
  sigemptyset(&none);
  while (alarms < 4) sigsuspend(&none);
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, 0);
  printf("periodic fired at least 4 times: %d\n", alarms >= 4);

  /* alarm() */
  alarm(5);
  unsigned left = alarm(0);
  printf("alarm left: %u\n", left);
  struct timespec shortsleep = {0, 30000000};
  printf("plain sleep: %d\n", nanosleep(&shortsleep, 0));

  /* a sleep never ends early (host timers have millisecond granularity) */
  int early = 0;
  for (int i = 0; i < 40; i++) {
    struct timespec a, b, ms = {0, 1300000};
    clock_gettime(CLOCK_MONOTONIC, &a);
    nanosleep(&ms, 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    long long ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
    if (ns < 1300000) early++;
  }
  printf("sleeps that ended early: %d\n", early);
  return 0;
}
