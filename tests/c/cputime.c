/* CPU-time clocks, getrusage, times, sysinfo, clock_settime. CPU time must be CPU time: a sleep
 * adds (almost) none of it, a busy loop adds about its own length. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long ns(clockid_t c) { struct timespec t; clock_gettime(c, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }
static volatile unsigned long sink;
/* Spins until this thread has used `ms` of CPU (at most 10 s of wall time). Counting CPU rather
 * than wall time keeps the checks true on a loaded machine, where a 300 ms busy loop may get far
 * less than 150 ms of CPU; a clock that does not advance still fails them (the cap ends the loop). */
static void spin_ms(int ms) {
  long long start = ns(CLOCK_THREAD_CPUTIME_ID), cap = ns(CLOCK_MONOTONIC) + 10000000000LL;
  while (ns(CLOCK_THREAD_CPUTIME_ID) - start < ms * 1000000LL && ns(CLOCK_MONOTONIC) < cap)
    for (int i = 0; i < 10000; i++) sink += i;
}
static long long ru_us(int who) {
  struct rusage r;
  if (getrusage(who, &r)) return -1;
  return r.ru_utime.tv_sec * 1000000LL + r.ru_utime.tv_usec + r.ru_stime.tv_sec * 1000000LL + r.ru_stime.tv_usec;
}

int main(void) {
  long long p0 = ns(CLOCK_PROCESS_CPUTIME_ID), t0 = ns(CLOCK_THREAD_CPUTIME_ID);
  struct timespec nap = {0, 300000000};
  nanosleep(&nap, 0);
  long long p1 = ns(CLOCK_PROCESS_CPUTIME_ID);
  printf("a 300 ms sleep costs under 150 ms of CPU: %d\n", p1 - p0 < 150000000LL);
  spin_ms(300);
  long long p2 = ns(CLOCK_PROCESS_CPUTIME_ID), t2 = ns(CLOCK_THREAD_CPUTIME_ID);
  printf("a 300 ms busy loop costs over 150 ms of CPU: %d\n", p2 - p1 > 150000000LL);
  printf("thread clock advanced too: %d\n", t2 - t0 > 150000000LL);
  printf("getrusage(SELF) >= the process clock's 150 ms: %d\n", ru_us(RUSAGE_SELF) >= 150000);
  printf("getrusage(CHILDREN) before any child: %lld\n", ru_us(RUSAGE_CHILDREN));
  pid_t c = fork();
  if (c == 0) { spin_ms(300); _exit(0); }
  struct rusage cr;
  int st;
  wait4(c, &st, 0, &cr);
  printf("wait4 rusage of the child > 150 ms: %d\n", cr.ru_utime.tv_sec * 1000000LL + cr.ru_utime.tv_usec > 150000);
  printf("getrusage(CHILDREN) > 150 ms after the wait: %d\n", ru_us(RUSAGE_CHILDREN) > 150000);
  struct tms tm;
  times(&tm);
  long hz = sysconf(_SC_CLK_TCK);
  printf("times: utime > 0.15 s %d, cutime > 0.15 s %d\n", tm.tms_utime > hz * 15 / 100, tm.tms_cutime > hz * 15 / 100);
  struct sysinfo si;
  printf("sysinfo: %d, procs >= 1 %d, mem_unit %u, totalram > freeram > 0 %d\n", sysinfo(&si), si.procs >= 1, si.mem_unit,
         si.totalram > si.freeram && si.freeram > 0);
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  errno = 0;
  printf("clock_settime(REALTIME): %d %s\n", clock_settime(CLOCK_REALTIME, &now), strerror(errno));
  errno = 0;
  printf("clock_settime(MONOTONIC): %d %s\n", clock_settime(CLOCK_MONOTONIC, &now), strerror(errno));
  return 0;
}
