#include <stdio.h>
#include <unistd.h>
/* Copies stdin to stdout in odd-sized reads and reports the byte count and a checksum on stderr. */
int main(void) {
  char buf[3000];
  unsigned long total = 0, sum = 0;
  ssize_t n;
  while ((n = read(0, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; i++) sum = sum * 31 + (unsigned char)buf[i];
    for (ssize_t off = 0; off < n;) {
      ssize_t w = write(1, buf + off, n - off);
      if (w <= 0) return 2;
      off += w;
    }
    total += n;
  }
  if (n < 0) { perror("read"); return 1; }
  fprintf(stderr, "bytes=%lu sum=%lu\n", total, sum);
  return 0;
}
