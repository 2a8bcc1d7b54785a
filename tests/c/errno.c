#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#define CHECK(expr, want) do { errno = 0; long r_ = (long)(expr); \
  printf("%-28s -> %ld %s\n", #expr, r_, errno == (want) ? #want : strerror(errno)); } while (0)
int main(void) {
  CHECK(open("no/such/file", O_RDONLY), ENOENT);
  CHECK(syscall(999), ENOSYS);
  CHECK(syscall(4000), ENOSYS);
  CHECK(close(1234), EBADF);
  CHECK(read(77, 0, 1), EBADF);
  CHECK(write(1, (void *)0xfffffff0u, 64), EFAULT);
  struct winsize ws;
  CHECK(ioctl(99, TIOCGWINSZ, &ws), EBADF);
  char link[8];
  CHECK(readlink("", link, sizeof link), ENOENT);
  CHECK(fcntl(1, F_DUPFD, -1), EINVAL);
  CHECK(fcntl(1, F_DUPFD, 1 << 20), EINVAL);
  CHECK(accept(99, 0, 0), EBADF);
  CHECK(listen(1, 1), ENOTSOCK);
  printf("%s\n", strerror(ENOENT));
  return 0;
}
