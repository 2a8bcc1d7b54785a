/* Directories and renames: mkdir/rmdir/unlink errnos, rename of files and directories over each
 * other, renameat2 RENAME_NOREPLACE and RENAME_EXCHANGE, EXDEV across mounts, getdents while
 * the directory is emptied, and a 10000-entry listing.
 * Works in /tmp/fs-dirs; argv[1] is a directory on another mount (for EXDEV). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#endif

#include "fs-check.h"

static int renameat2_(const char *a, const char *b, unsigned flags) {
  return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static int exists(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

int main(int argc, char **argv) {
  const char *other = argc > 1 ? argv[1] : NULL;
  T("mkdir base", mkdir("/tmp/fs-dirs", 0755));
  if (chdir("/tmp/fs-dirs")) return 1;

  printf("# mkdir rmdir unlink\n");
  /* mkdir / rmdir / unlink */
  T("mkdir d", mkdir("d", 0755));
  T("mkdir d again", mkdir("d", 0755));
  T("mkdir over a file", (put("file", "x"), mkdir("file", 0755)));
  T("mkdir missing parent", mkdir("nope/sub", 0755));
  T("mkdir under a file", mkdir("file/sub", 0755));
  T("mkdir trailing slash", mkdir("slash/", 0755));
  T("rmdir missing", rmdir("missing"));
  put("d/inside", "x");
  T("rmdir non-empty", rmdir("d"));
  T("rmdir a file", rmdir("d/inside"));
  T("unlink a dir", unlink("d"));
  T("rmdir d/.", rmdir("d/."));
  T("rmdir d/..", rmdir("d/.."));
  T("unlink missing", unlink("d/missing"));
  T("unlink file/", unlink("file/"));
  T("unlink inside", unlink("d/inside"));
  struct stat st;
  stat("d", &st);
  printf("empty dir: nlink %ld\n", (long)st.st_nlink);
  mkdir("d/s1", 0755);
  mkdir("d/s2", 0755);
  stat("d", &st);
  printf("with two subdirs: nlink %ld\n", (long)st.st_nlink);
  rmdir("d/s1");
  rmdir("d/s2");
  T("rmdir d", rmdir("d"));
  printf("d exists after rmdir: %d\n", exists("d"));

  printf("# rename\n");
  /* rename file over file, dir over empty dir, and the refusals */
  put("f1", "one");
  put("f2", "two");
  stat("f1", &st);
  ino_t f1ino = st.st_ino;
  T("rename file over file", rename("f1", "f2"));
  stat("f2", &st);
  printf("f2 now: %s same inode %d, f1 exists %d\n", contents("f2"), st.st_ino == f1ino, exists("f1"));
  T("rename to itself", rename("f2", "f2"));
  link("f2", "f2-hard");
  T("rename onto own hard link", rename("f2", "f2-hard"));
  printf("both names remain: %d %d\n", exists("f2"), exists("f2-hard"));
  mkdir("A", 0755);
  put("A/payload", "in A");
  mkdir("B", 0755);
  T("rename dir over empty dir", rename("A", "B"));
  printf("B/payload: %s, A exists %d\n", contents("B/payload"), exists("A"));
  mkdir("C", 0755);
  put("C/x", "x");
  T("rename dir over non-empty dir", rename("B", "C"));
  mkdir("P", 0755);
  mkdir("P/Q", 0755);
  T("rename dir into its own subdir", rename("P", "P/Q/R"));
  T("rename dir onto its subdir", rename("P", "P/Q"));
  T("rename file over dir", rename("f2", "P"));
  T("rename dir over file", rename("P", "f2"));
  T("rename missing", rename("missing", "x"));
  T("rename into missing dir", rename("f2", "nodir/x"));
  T("rename dir to new name", rename("P", "P2"));
  printf("P2/Q exists: %d\n", exists("P2/Q"));
  T("rename with trailing slash on a file", rename("f2/", "f3"));
  T("rename dir with trailing slashes", rename("P2/", "P3/"));

  printf("# renameat2\n");
  /* renameat2 */
  put("x", "X");
  put("y", "Y");
  T("RENAME_NOREPLACE onto existing", renameat2_("x", "y", RENAME_NOREPLACE));
  T("RENAME_NOREPLACE to new", renameat2_("x", "x2", RENAME_NOREPLACE));
  printf("x2=%s ", contents("x2"));
  printf("y=%s\n", contents("y"));
  T("RENAME_EXCHANGE", renameat2_("x2", "y", RENAME_EXCHANGE));
  printf("after exchange x2=%s ", contents("x2"));
  printf("y=%s\n", contents("y"));
  mkdir("E", 0755);
  put("E/in-E", "e");
  T("RENAME_EXCHANGE file and dir", renameat2_("y", "E", RENAME_EXCHANGE));
  printf("after exchange: E is a file %d, y/in-E: %s\n", exists("E") && !stat("E", &st) && S_ISREG(st.st_mode), contents("y/in-E"));
  T("RENAME_EXCHANGE with missing", renameat2_("x2", "nothing", RENAME_EXCHANGE));
  T("RENAME_NOREPLACE|RENAME_EXCHANGE", renameat2_("x2", "E", RENAME_NOREPLACE | RENAME_EXCHANGE));
  T("renameat2 bad flags", renameat2_("x2", "E", 0x100));

  printf("# across mounts\n");
  /* across mounts */
  if (other) {
    char target[600];
    snprintf(target, sizeof target, "%s/moved", other);
    T("rename across mounts", rename("x2", target));
    T("rename dir across mounts", rename("C", target));
    printf("x2 still here: %d, nothing made there: %d\n", exists("x2"), !exists(target));
  }

  printf("# getdents\n");
  /* getdents while emptying: every entry seen exactly once, and nothing left. */
  mkdir("many", 0755);
  static unsigned char seen[500];
  char name[64];
  for (int i = 0; i < 500; i++) {
    snprintf(name, sizeof name, "many/entry-%03d", i);
    put(name, "");
  }
  DIR *d = opendir("many");
  struct dirent *e;
  int others = 0, unlinked = 0;
  while ((e = readdir(d))) {
    int i;
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    if (sscanf(e->d_name, "entry-%d", &i) != 1 || i < 0 || i >= 500) {
      others++;
      continue;
    }
    seen[i]++;
    snprintf(name, sizeof name, "many/%s", e->d_name);
    if (unlink(name) == 0) unlinked++;
  }
  closedir(d);
  int once = 0, twice = 0, never = 0;
  for (int i = 0; i < 500; i++) {
    if (seen[i] == 1) once++;
    else if (seen[i] == 0) never++;
    else twice++;
  }
  printf("readdir+unlink: seen once %d, more than once %d, never %d, strays %d, unlinked %d\n", once, twice, never, others, unlinked);
  printf("left afterwards: %d\n", count_entries("many", NULL));
  T("rmdir emptied dir", rmdir("many"));

  /* A listing taken by a directory stream opened before the entries came. */
  mkdir("grow", 0755);
  d = opendir("grow");
  put("grow/late", "");
  int late = 0;
  rewinddir(d);
  while ((e = readdir(d))) if (!strcmp(e->d_name, "late")) late++;
  closedir(d);
  printf("rewinddir sees a new entry: %d\n", late);


  /* 10000 entries */
  mkdir("big", 0755);
  for (int i = 0; i < 10000; i++) {
    snprintf(name, sizeof name, "big/%05d", i);
    int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
      printf("create %s: %s\n", name, en(errno));
      return 1;
    }
    close(fd);
  }
  static unsigned char big[10000];
  d = opendir("big");
  int n = 0, dots = 0, dup = 0, bad = 0;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
      dots++;
      continue;
    }
    int i = atoi(e->d_name);
    if (i < 0 || i >= 10000 || strlen(e->d_name) != 5) bad++;
    else if (big[i]++) dup++;
    n++;
  }
  closedir(d);
  stat("big", &st);
  printf("10000 entries: listed %d, dots %d, duplicates %d, bad %d\n", n, dots, dup, bad);

  printf("# rename dot names\n");
  T("rename to dir/.", rename("f2", "P3/."));
  T("rename dir/.. away", rename("P3/..", "elsewhere"));
  T("RENAME_NOREPLACE to dir/..", renameat2_("f2", "P3/..", RENAME_NOREPLACE));
  printf("f2 still there: %d\n", exists("f2"));

  printf("# removed directory\n");
  /* A removed directory lists nothing, not even "." and ".." (getdents is ENOENT). */
  mkdir("doomed", 0755);
  d = opendir("doomed");
  rmdir("doomed");
  int n_removed = 0;
  errno = 0;
  while (readdir(d)) n_removed++;
  closedir(d);
  printf("readdir of a removed directory: %d entries\n", n_removed);
  return 0;
}
