/* A program file rewritten in place is exec'd as it is now, never as the kernel compiled it
 * before: the kernel caches compiled programs by file (device, inode, write count). Copies this
 * program to DIR/prog, runs it, breaks its code section in place (same size, same wasm header),
 * runs it again (ENOEXEC), restores it, runs it again. With DIR on memfs (/tmp) and on the root
 * overlay (/), where the first write copies the file up. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char image[4 << 20];
static long image_len;

/* Runs `path child`: its exit status, or -errno when the exec failed (reported through a pipe). */
static int run(const char *path) {
  int p[2];
  if (pipe(p)) return -1000;
  pid_t c = fork();
  if (c == 0) {
    close(p[0]);
    fcntl(p[1], F_SETFD, FD_CLOEXEC);
    execl(path, path, "child", (char *)0);
    int e = errno;
    write(p[1], &e, sizeof e);
    _exit(127);
  }
  close(p[1]);
  int e = 0, st = 0;
  ssize_t n = read(p[0], &e, sizeof e);
  close(p[0]);
  waitpid(c, &st, 0);
  return n == sizeof e ? -e : WEXITSTATUS(st);
}

static int put(const char *path, long off, const char *data, long len, int flags) {
  int fd = open(path, O_WRONLY | flags, 0755);
  if (fd < 0) return -1;
  long r = pwrite(fd, data, len, off);
  close(fd);
  return r == len ? 0 : -1;
}

static void check(const char *dir) {
  char path[64];
  snprintf(path, sizeof path, "%s/prog", dir);
  if (put(path, 0, image, image_len, O_CREAT | O_TRUNC)) { printf("%s: copy failed\n", dir); return; }
  int first = run(path);
  /* Well inside the code: the header and the first sections stay, the module no longer compiles. */
  static char junk[4096];
  memset(junk, 0xff, sizeof junk);
  int broke = put(path, image_len / 2, junk, sizeof junk, 0);
  int broken = run(path);
  int fixed = put(path, image_len / 2, image + image_len / 2, sizeof junk, 0);
  int again = run(path);
  printf("%s: ran %d, rewritten %d: %s, restored %d: %d\n", dir, first, broke, broken == -ENOEXEC ? "ENOEXEC" : "ran stale", fixed, again);
  unlink(path);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) return 42;
  setvbuf(stdout, 0, _IONBF, 0);
  int fd = open("/proc/self/exe", O_RDONLY);
  ssize_t r;
  while ((r = read(fd, image + image_len, sizeof image - image_len)) > 0) image_len += r;
  close(fd);
  if (image_len <= 0 || image_len == sizeof image) { printf("cannot read myself\n"); return 1; }
  check("/tmp");
  check("");
  return 0;
}
