/* Booted from an image built by `kandelo mkimage --defaults` (a directory /data with hello.txt,
 * gone.txt, a subdirectory and a symlink): reads, writes that copy up, deletions that whiteout,
 * renames and new files, all in the overlay above the untouched image. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs-check.h"

int main(void) {
  struct stat st;
  list("ls /data", "/data");
  show_quoted("hello.txt", "", "/data/hello.txt");
  stat("/data/hello.txt", &st);
  printf("hello.txt: uid %d mode %o size %lld\n", st.st_uid, st.st_mode & 07777, (long long)st.st_size);
  show_quoted("through the image's symlink", "", "/data/link");
  show_quoted("nested", "", "/data/sub/nested.txt");
  show_quoted("defaults: /etc/hostname", "", "/etc/hostname");
  printf("defaults: /tmp is a dir %d\n", stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode));

  /* writes copy up */
  int fd = T("open for write", open("/data/hello.txt", O_WRONLY | O_TRUNC));
  write(fd, "changed in the guest\n", 21);
  close(fd);
  show_quoted("after write", "", "/data/hello.txt");
  fd = open("/data/hello.txt", O_WRONLY | O_APPEND);
  write(fd, "appended\n", 9);
  close(fd);
  show_quoted("after append", "", "/data/hello.txt");
  T("chmod", chmod("/data/sub/nested.txt", 0600));
  stat("/data/sub/nested.txt", &st);
  printf("nested mode now %o, content kept:\n", st.st_mode & 07777);
  show_quoted("nested", "", "/data/sub/nested.txt");

  /* deletions */
  T("unlink gone.txt", unlink("/data/gone.txt"));
  show_quoted("gone.txt", "", "/data/gone.txt");
  list("ls /data", "/data");
  T("create gone.txt anew", close(open("/data/gone.txt", O_WRONLY | O_CREAT | O_EXCL, 0644)));
  show_quoted("new gone.txt is empty", "", "/data/gone.txt");
  T("rmdir non-empty image dir", rmdir("/data/sub"));
  T("unlink nested", unlink("/data/sub/nested.txt"));
  T("rmdir emptied image dir", rmdir("/data/sub"));
  T("mkdir where it was", mkdir("/data/sub", 0755));
  list("new sub is empty", "/data/sub");

  /* renames and new files */
  T("rename image file", rename("/data/hello.txt", "/data/renamed.txt"));
  show_quoted("renamed", "", "/data/renamed.txt");
  show_quoted("old name", "", "/data/hello.txt");
  T("new file in an image dir", close(open("/data/new.txt", O_WRONLY | O_CREAT, 0644)));
  list("ls /data", "/data");
  return 0;
}
