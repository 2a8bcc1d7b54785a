/* timerfd: a periodic timer read blocks until expirations, counts them, O_NONBLOCK gives EAGAIN,
 * gettime reports the period, a disarmed timer reads nothing. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
  struct itimerspec its = {{0, 10000000}, {0, 10000000}}, cur;
  timerfd_settime(fd, 0, &its, 0);
  uint64_t n = 0, total = 0;
  while (total < 3) {
    if (read(fd, &n, 8) != 8) return 1;
    total += n;
  }
  printf("blocking reads counted >=3 expirations: %d\n", total >= 3);
  timerfd_gettime(fd, &cur);
  printf("gettime interval 10ms: %d\n", cur.it_interval.tv_nsec == 10000000);
  usleep(35000);
  read(fd, &n, 8);
  printf("missed periods are counted: %d\n", n >= 2);
  struct itimerspec off = {{0, 0}, {0, 0}};
  timerfd_settime(fd, 0, &off, 0);
  int nb = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  errno = 0;
  printf("nonblocking unarmed: %zd %s\n", read(nb, &n, 8), strerror(errno));
  errno = 0;
  printf("short buffer: %zd %s\n", read(nb, &n, 4), strerror(errno));
  close(fd);
  close(nb);
  return 0;
}
