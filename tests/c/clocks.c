#include <stdio.h>
#include <time.h>
#include <sys/time.h>
#include <stdlib.h>
#include <sched.h>
#include <unistd.h>
#include <sys/times.h>
int main(int argc, char **argv) {
  struct timespec a, b, res;
  if (clock_gettime(CLOCK_MONOTONIC, &a)) return 1;
  volatile unsigned long x = 0;
  for (unsigned long i = 0; i < 3000000; i++) x += i;
  if (clock_gettime(CLOCK_MONOTONIC, &b)) return 1;
  long long d = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
  printf("monotonic advances: %s\n", d > 0 ? "yes" : "no");
  struct timespec rt;
  clock_gettime(CLOCK_REALTIME, &rt);
  long long host = argc > 1 ? atoll(argv[1]) : 0;
  printf("realtime within 60s of host: %s\n", (rt.tv_sec - host < 60 && host - rt.tv_sec < 60) ? "yes" : "no");
  struct timeval tv;
  gettimeofday(&tv, 0);
  printf("gettimeofday agrees: %s usec-range: %s\n", (tv.tv_sec - rt.tv_sec) < 2 ? "yes" : "no",
         (tv.tv_usec >= 0 && tv.tv_usec < 1000000) ? "ok" : "bad");
  printf("getres: %d nsec<1e9: %s\n", clock_getres(CLOCK_MONOTONIC, &res), res.tv_nsec < 1000000000 ? "yes" : "no");
  printf("bad clock: %d\n", clock_gettime(12345, &a));
  time_t t = time(0);
  printf("time() sane: %s\n", t > 1600000000 ? "yes" : "no");
  struct tms tm;
  printf("nprocs>=1: %d yield: %d times>0: %d\n", sysconf(_SC_NPROCESSORS_ONLN) >= 1, sched_yield(), times(&tm) > 0);
  return 0;
}
