#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
int main(void) {
  struct winsize ws;
  int r = ioctl(1, TIOCGWINSZ, &ws);
  printf("isatty(1)=%d ioctl=%d errno=%s\n", isatty(1), r, r ? strerror(errno) : "0");
  return 0;
}
