#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
/* Writes 1 MiB to a file in the cwd, reads it back through stdio and raw reads, checks, removes. */
int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "kandelo-roundtrip.tmp";
  static unsigned char buf[1 << 20], back[1 << 20];
  for (int i = 0; i < (1 << 20); i++) buf[i] = (unsigned char)(i * 7 + (i >> 11));
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) { perror("open"); return 1; }
  for (int off = 0; off < (1 << 20); off += 65536)
    if (write(fd, buf + off, 65536) != 65536) { perror("write"); return 1; }
  close(fd);
  struct stat st;
  if (stat(path, &st)) { perror("stat"); return 1; }
  printf("size=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  FILE *f = fopen(path, "rb");
  if (!f || fread(back, 1, sizeof back, f) != sizeof back) { perror("fread"); return 1; }
  fclose(f);
  printf("stdio match=%d\n", memcmp(buf, back, sizeof buf) == 0);
  fd = open(path, O_RDONLY);
  lseek(fd, 12345, SEEK_SET);
  unsigned char small[10];
  read(fd, small, 10);
  printf("seek match=%d end=%lld\n", memcmp(small, buf + 12345, 10) == 0, (long long)lseek(fd, 0, SEEK_END));
  close(fd);
  if (unlink(path)) { perror("unlink"); return 1; }
  printf("removed=%d\n", access(path, F_OK) != 0);
  return 0;
}
