/* Hard and symbolic links: link counts, EXDEV and EPERM for link, readlink, dangling links,
 * loops, the 40-link limit, relative targets with "..", physical "..", trailing slashes.
 * Works in /tmp/fs-links; argv[1] is a directory on another mount (for EXDEV). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs-check.h"

static long nlink(const char *path) {
  struct stat st;
  return stat(path, &st) ? -1 : (long)st.st_nlink;
}

static void show_link(const char *label, const char *path) {
  char buf[256];
  ssize_t n = readlink(path, buf, sizeof buf);
  if (n < 0) printf("%s: %s\n", label, en(errno));
  else printf("%s: %zd %.*s\n", label, n, (int)n, buf);
}

int main(int argc, char **argv) {
  const char *other = argc > 1 ? argv[1] : NULL;
  mkdir("/tmp/fs-links", 0755);
  if (chdir("/tmp/fs-links")) return 1;
  put("f", "target text");

  /* hard links */
  printf("nlink: %ld\n", nlink("f"));
  T("link", link("f", "g"));
  struct stat a, b;
  stat("f", &a);
  stat("g", &b);
  printf("after link: %ld %ld same inode %d\n", (long)a.st_nlink, (long)b.st_nlink, a.st_ino == b.st_ino);
  T("link onto existing", link("f", "g"));
  T("link missing", link("missing", "h"));
  mkdir("dir", 0755);
  T("link to a directory", link("dir", "dirlink"));
  T("unlink one name", unlink("g"));
  printf("nlink: %ld\n", nlink("f"));
  if (other) {
    char target[600];
    snprintf(target, sizeof target, "%s/hardlink", other);
    T("link across mounts", link("f", target));
  }

  /* symlinks */
  T("symlink", symlink("f", "s"));
  T("symlink onto existing", symlink("f", "s"));
  T("symlink empty target", symlink("", "empty"));
  show_link("readlink", "s");
  show_link("readlink of a file", "f");
  stat("s", &a);
  lstat("s", &b);
  printf("stat follows: %s, lstat: %s size %lld\n", S_ISREG(a.st_mode) ? "reg" : "other", S_ISLNK(b.st_mode) ? "link" : "other",
         (long long)b.st_size);
  show("read through symlink", "s");

  /* dangling */
  symlink("nowhere", "dangling");
  T("stat dangling", stat("dangling", &a));
  T("lstat dangling", lstat("dangling", &a));
  T("access dangling", access("dangling", F_OK));
  show_link("readlink dangling", "dangling");
  char small[8];
  ssize_t n = readlink("dangling", small, 3);
  printf("readlink truncates: %zd %.3s\n", n, small);

  /* loops and the 40-link limit */
  symlink("loop-b", "loop-a");
  symlink("loop-a", "loop-b");
  T("stat loop", stat("loop-a", &a));
  T("open loop", open("loop-a", O_RDONLY));
  T("lstat loop", lstat("loop-a", &a));
  symlink("self", "self");
  T("stat self loop", stat("self", &a));
  char name[32], prev[32];
  /* chain-N needs N link traversals to reach f. */
  snprintf(prev, sizeof prev, "f");
  for (int i = 1; i <= 41; i++) {
    snprintf(name, sizeof name, "chain-%d", i);
    symlink(prev, name);
    snprintf(prev, sizeof prev, "%s", name);
  }
  T("chain of 39", stat("chain-39", &a));
  T("chain of 40", stat("chain-40", &a));
  T("chain of 41", stat("chain-41", &a));
  show("open chain of 40", "chain-40");
  T("open chain of 41", open("chain-41", O_RDONLY));

  /* relative targets and ".." */
  mkdir("sub", 0755);
  mkdir("sub/deep", 0755);
  symlink("../f", "sub/up");
  symlink("../../sub/up", "sub/deep/up2");
  show("relative ../f", "sub/up");
  show("relative through another link", "sub/deep/up2");
  symlink("/tmp/fs-links/f", "abs");
  show("absolute target", "abs");
  mkdir("x", 0755);
  mkdir("x/y", 0755);
  symlink("x/y", "to-y");
  struct stat viaLink, realX;
  stat("to-y/..", &viaLink);
  stat("x", &realX);
  printf("to-y/.. is x (physical ..): %d\n", viaLink.st_ino == realX.st_ino);
  put("x/y/z", "zed");
  show("through dir link", "to-y/z");
  symlink("sub/", "to-sub-slash");
  T("dir link with trailing slash in target", stat("to-sub-slash/up", &a));

  /* ".." climbs out of a mount at its root: /tmp's parent is /, a host mount's parent is in /tmp */
  symlink("../../etc/hostname", "up-and-out");
  show("relative link up out of /tmp", "up-and-out");
  if (other) {
    char path[600];
    snprintf(path, sizeof path, "%s/..", other);
    struct stat up, here;
    stat(path, &up);
    snprintf(path, sizeof path, "%s", other);
    *strrchr(path, '/') = 0;
    stat(path[0] ? path : "/", &here);
    printf("host mount root/.. is its parent: %d\n", up.st_ino == here.st_ino && up.st_dev == here.st_dev);
  }

  /* trailing slashes */
  T("file with trailing slash", open("f/", O_RDONLY));
  T("stat file/", stat("f/", &a));
  T("symlink to file with trailing slash", stat("s/", &a));
  T("lstat symlink to file with trailing slash", lstat("s/", &a));
  T("symlink to dir with trailing slash", stat("to-y/", &a));
  lstat("to-y/", &a);
  printf("lstat to-y/ follows: %s\n", S_ISDIR(a.st_mode) ? "dir" : "link");
  T("dir with trailing slash", stat("x/", &a));
  T("link to a new name with trailing slash", link("f", "new/"));
  T("and no such name made", lstat("new", &a));
  T("link onto a directory with trailing slash", link("f", "x/"));

  /* unlink removes the link, not its target */
  T("unlink symlink", unlink("s"));
  show("target after unlinking link", "f");
  return 0;
}
