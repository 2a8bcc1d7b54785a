/* Host mounts from the guest's side.
 *   fs-hostfs escape SECRET_HOST_PATH   (with --mount HOSTDIR/mnt:/mnt): every way out of /mnt
 *     towards the host file SECRET_HOST_PATH; whatever is read is printed, so the test can check
 *     that the secret never shows.
 *   fs-hostfs ro                        (with --mount HOSTDIR/ro:/ro:ro): EROFS for every change. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fs-check.h"

/* Prints what reading `path` gives: `label: read "bytes"` (newlines shown as '|') or the errno name. */
static void show_read(const char *label, const char *path) { show_quoted(label, "read ", path); }

static void show_at(const char *label, int dirfd, const char *path) {
  char buf[256];
  int fd = openat(dirfd, path, O_RDONLY);
  if (fd < 0) {
    printf("%s: %s\n", label, en(errno));
    return;
  }
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  buf[n < 0 ? 0 : n] = 0;
  printf("%s: read \"%s\"\n", label, buf);
}

/* A FIFO made in the mount (a real FIFO on the host) carries bytes from a child to its parent. */
static void fifo_between_processes(void) {
  T("mkfifo in the mount", mkfifo("/mnt/fifo", 0640));
  struct stat st;
  if (lstat("/mnt/fifo", &st) == 0) printf("fifo type and mode: %d %o\n", S_ISFIFO(st.st_mode), st.st_mode & 0777);
  T("mkfifo again", mkfifo("/mnt/fifo", 0640));
  pid_t pid = fork();
  if (pid == 0) {
    int w = open("/mnt/fifo", O_WRONLY);
    _exit(w >= 0 && write(w, "through the fifo", 16) == 16 ? 0 : 1);
  }
  int r = open("/mnt/fifo", O_RDONLY);
  char buf[64] = {0};
  ssize_t n = r >= 0 ? read(r, buf, sizeof buf - 1) : -1;
  int status = -1;
  waitpid(pid, &status, 0);
  printf("fifo read: %zd \"%s\" writer status %d\n", n, buf, status);
  close(r);
}

static int escape(const char *secret) {
  char path[1024], dir[1024];
  snprintf(dir, sizeof dir, "%s", secret);
  const char *secret_dir = dirname(dir);

  show_read("plain file in the mount", "/mnt/ok.txt");
  show_read("absolute symlink to the host path", "/mnt/abs");
  show_read("relative ../ symlink", "/mnt/rel");
  show_read("dir symlink ../ then file", "/mnt/up/secret.txt");
  show_read("/mnt/../secret.txt", "/mnt/../secret.txt");
  snprintf(path, sizeof path, "/mnt/../..%s", secret);
  show_read("/mnt/../../<host path>", path);
  snprintf(path, sizeof path, "/mnt/../../../../../../..%s", secret);
  show_read("many ../ then the host path", path);
  show_read("the host path itself", secret);

  T("chdir /mnt", chdir("/mnt"));
  printf("/proc/self/cwd: %s\n", link_of("/proc/self/cwd"));
  show_read("/proc/self/cwd/../secret.txt", "/proc/self/cwd/../secret.txt");
  show_read("/proc/self/cwd/rel", "/proc/self/cwd/rel");
  show_read("/proc/self/cwd/ok.txt", "/proc/self/cwd/ok.txt");
  show_read("../secret.txt from cwd /mnt", "../secret.txt");
  int mfd = open("/mnt", O_RDONLY | O_DIRECTORY);
  show_at("openat(/mnt fd, ../secret.txt)", mfd, "../secret.txt");
  snprintf(path, sizeof path, "/proc/self/fd/%d/../secret.txt", mfd);
  show_read("/proc/self/fd/N/../secret.txt", path);

  /* Symlinks the guest makes: the text goes to the host as given, resolution stays in the guest. */
  T("symlink to the host path", symlink(secret, "/mnt/mine"));
  printf("readlink mine is the host path: %d\n", strcmp(link_of("/mnt/mine"), secret) == 0);
  show_read("read through mine", "/mnt/mine");
  T("symlink to a guest file", symlink("/etc/hostname", "/mnt/guest-link"));
  show_read("read through guest-link", "/mnt/guest-link");
  T("symlink to /", symlink("/", "/mnt/hostroot"));
  snprintf(path, sizeof path, "/mnt/hostroot%s", secret);
  show_read("/mnt/hostroot/<host path>", path);
  T("symlink to ..", symlink("..", "/mnt/parent"));
  show_read("/mnt/parent/secret.txt", "/mnt/parent/secret.txt");

  /* Rename a directory away and put a symlink to the host's secret directory in its place: a
   * descriptor of the old directory must not lead there. */
  T("mkdir /mnt/d", mkdir("/mnt/d", 0755));
  int dfd = open("/mnt/d", O_RDONLY | O_DIRECTORY);
  T("rename /mnt/d /mnt/d2", rename("/mnt/d", "/mnt/d2"));
  T("symlink host dir as /mnt/d", symlink(secret_dir, "/mnt/d"));
  show_at("openat(old d fd, secret.txt)", dfd, "secret.txt");
  show_at("openat(old d fd, ../secret.txt)", dfd, "../secret.txt");
  show_read("/mnt/d/secret.txt", "/mnt/d/secret.txt");

  /* Moving or linking things out of the mount. */
  T("rename out of the mount", rename("/mnt/ok.txt", "/mnt/../escaped.txt"));
  T("rename into ../ via symlink dir", rename("/mnt/ok.txt", "/mnt/parent/escaped.txt"));
  T("link out of the mount", link("/mnt/ok.txt", "/tmp/escaped-link"));
  T("hard link of the abs symlink inside", link("/mnt/abs", "/mnt/abs-hard"));
  show_read("read through the hard-linked symlink", "/mnt/abs-hard");
  T("create through the abs symlink", open("/mnt/abs", O_WRONLY | O_CREAT | O_TRUNC, 0644));
  T("create through the rel symlink", open("/mnt/rel", O_WRONLY | O_CREAT | O_TRUNC, 0644));
  show_read("what the rel symlink made", "/secret.txt");
  T("write a file inside", close(open("/mnt/written-by-guest", O_WRONLY | O_CREAT, 0644)));
  fifo_between_processes();

  printf("listing /mnt works: %d\n", count_entries("/mnt", NULL) > 0);
  return 0;
}

static int readonly(void) {
  show_read("read", "/ro/keep.txt");
  T("create", open("/ro/new", O_WRONLY | O_CREAT, 0644));
  T("open for write", open("/ro/keep.txt", O_WRONLY));
  T("open O_TRUNC", open("/ro/keep.txt", O_RDONLY | O_TRUNC));
  T("unlink", unlink("/ro/keep.txt"));
  T("mkdir", mkdir("/ro/newdir", 0755));
  T("rmdir", rmdir("/ro/d"));
  T("rename", rename("/ro/keep.txt", "/ro/renamed.txt"));
  T("chmod", chmod("/ro/keep.txt", 0600));
  T("chown", chown("/ro/keep.txt", 0, 0));
  T("truncate", truncate("/ro/keep.txt", 0));
  T("symlink", symlink("keep.txt", "/ro/link"));
  T("link", link("/ro/keep.txt", "/ro/hard"));
  T("utimes", utimensat(AT_FDCWD, "/ro/keep.txt", NULL, 0));
  T("mkfifo", mkfifo("/ro/fifo", 0644));
  T("access W_OK", access("/ro/keep.txt", W_OK));
  T("access R_OK", access("/ro/keep.txt", R_OK));
  int fd = open("/ro/keep.txt", O_RDONLY);
  T("ftruncate on a read-only fd", ftruncate(fd, 0));
  T("fchmod", fchmod(fd, 0600));
  close(fd);
  show_read("still there", "/ro/keep.txt");
  return 0;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc > 2 && !strcmp(argv[1], "escape")) return escape(argv[2]);
  if (argc > 1 && !strcmp(argv[1], "ro")) return readonly();
  fprintf(stderr, "usage: fs-hostfs escape SECRET | ro\n");
  return 2;
}
