/* mount and chroot as root: a new tmpfs and its umount, EBUSY/EINVAL/ENODEV, a bind mount
 * sharing its source's files, a read-only bind remount (EROFS), chroot confinement ("/" is the
 * jail, ".." and absolute symlinks stay inside), statfs magic numbers. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fs-check.h"

/* Whether /proc/mounts lists a mount on `target` (-1 when it cannot be read). */
static int in_mounts(const char *target) {
  if (load("/proc/mounts") < 0) return -1;
  char pat[256];
  snprintf(pat, sizeof pat, " %s ", target);
  return strstr(got, pat) != NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct stat st, st2;
  mkdir("/tmp/fs-mount", 0755);
  chdir("/tmp/fs-mount");

  printf("# tmpfs\n");
  /* a new tmpfs */
  mkdir("m", 0755);
  put("m/under", "hidden by the mount");
  T("mount tmpfs", mount("none", "/tmp/fs-mount/m", "tmpfs", 0, NULL));
  list("new tmpfs lists", "m");
  put("m/file", "on the new tmpfs");
  show("file there", "m/file");
  stat("m", &st);
  stat(".", &st2);
  printf("own st_dev: %d, a directory: %d\n", st.st_dev != st2.st_dev, S_ISDIR(st.st_mode));
  printf("listed in /proc/mounts: %d\n", in_mounts("/tmp/fs-mount/m"));
  T("rename across the mount point", rename("m/file", "moved"));
  mkdir("m/sub", 0755);
  T("mount on m/sub", mount("none", "/tmp/fs-mount/m/sub", "tmpfs", 0, NULL));
  T("umount m while m/sub is mounted", umount2("/tmp/fs-mount/m", 0));
  T("rmdir a mount point", rmdir("m/sub"));
  T("umount m/sub", umount2("/tmp/fs-mount/m/sub", 0));
  T("umount m", umount2("/tmp/fs-mount/m", 0));
  T("file gone with it", stat("m/file", &st));
  show("what was under it", "m/under");
  printf("listed in /proc/mounts: %d\n", in_mounts("/tmp/fs-mount/m"));
  T("umount a plain directory", umount2("/tmp/fs-mount/m", 0));
  T("umount missing", umount2("/tmp/fs-mount/missing", 0));
  T("mount an unknown type", mount("none", "/tmp/fs-mount/m", "no-such-fs", 0, NULL));
  T("mount on a missing dir", mount("none", "/tmp/fs-mount/missing", "tmpfs", 0, NULL));
  T("mount tmpfs on a file", mount("none", "/tmp/fs-mount/m/under", "tmpfs", 0, NULL));
  T("mount a lower tmpfs", mount("none", "/tmp/fs-mount/m", "tmpfs", 0, NULL));
  put("m/lower", "lower");
  T("mount another on top", mount("none", "/tmp/fs-mount/m", "tmpfs", 0, NULL));
  put("m/top", "top");
  list("top mount lists", "m");
  T("umount the top one", umount2("/tmp/fs-mount/m", 0));
  list("lower mount shows again", "m");
  T("umount the lower one", umount2("/tmp/fs-mount/m", 0));

  printf("# bind\n");
  /* bind mounts */
  mkdir("src", 0755);
  put("src/hello", "from src");
  mkdir("bind", 0755);
  T("bind mount", mount("/tmp/fs-mount/src", "/tmp/fs-mount/bind", NULL, MS_BIND, NULL));
  show("through the bind", "bind/hello");
  put("bind/new", "made through bind");
  show("seen in the source", "src/new");
  stat("bind/hello", &st);
  stat("src/hello", &st2);
  printf("same inode: %d\n", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
  T("rename between source and bind", rename("src/hello", "bind/hello2"));
  printf("# read-only bind\n");
  mkdir("robind", 0755);
  T("bind again", mount("/tmp/fs-mount/src", "/tmp/fs-mount/robind", NULL, MS_BIND, NULL));
  T("remount read-only", mount(NULL, "/tmp/fs-mount/robind", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL));
  show("read through ro bind", "robind/hello");
  T("create on ro bind", open("robind/x", O_WRONLY | O_CREAT, 0644));
  T("open for write on ro bind", open("robind/hello", O_WRONLY));
  T("unlink on ro bind", unlink("robind/new"));
  T("mkdir on ro bind", mkdir("robind/d", 0755));
  T("chmod on ro bind", chmod("robind/hello", 0600));
  T("truncate on ro bind", truncate("robind/hello", 0));
  T("symlink on ro bind", symlink("x", "robind/l"));
  T("utimes on ro bind", utimensat(AT_FDCWD, "robind/hello", NULL, 0));
  T("access W_OK on ro bind", access("robind/hello", W_OK));
  struct statvfs sv;
  statvfs("/tmp/fs-mount/robind", &sv);
  printf("statvfs ST_RDONLY: %d\n", (sv.f_flag & ST_RDONLY) != 0);
  T("the source stays writable", close(open("src/still-rw", O_WRONLY | O_CREAT, 0644)));
  T("umount robind", umount2("/tmp/fs-mount/robind", 0));
  T("umount bind", umount2("/tmp/fs-mount/bind", 0));
  list("bind dir after umount", "bind");

  printf("# chroot\n");
  /* chroot */
  mkdir("jail", 0755);
  mkdir("jail/etc", 0755);
  mkdir("jail/sub", 0755);
  put("jail/inside", "in the jail");
  symlink("/", "jail/sub/abs-root");
  symlink("../../../../..", "jail/sub/dotdots");
  pid_t c = fork();
  if (c == 0) {
    T("chroot", chroot("/tmp/fs-mount/jail"));
    T("chdir /", chdir("/"));
    list("ls /", "/");
    list("ls /..", "/..");
    list("ls /../../..", "/../../..");
    chdir("../../..");
    char cwd[256];
    printf("getcwd after ../../..: %s\n", getcwd(cwd, sizeof cwd));
    show("/inside", "/inside");
    T("/etc/passwd is the jail's", open("/etc/passwd", O_RDONLY));
    list("absolute symlink to /", "/sub/abs-root");
    list("relative ../ symlink", "/sub/dotdots");
    T("no /proc inside", stat("/proc/self", &st));
    stat("/", &st);
    stat("/..", &st2);
    printf("/.. is /: %d\n", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
    _exit(0);
  }
  waitpid(c, NULL, 0);
  T("chroot to a file", chroot("/tmp/fs-mount/jail/inside"));
  T("chroot to a missing dir", chroot("/tmp/fs-mount/nope"));

  printf("# statfs\n");
  /* statfs */
  struct statfs sf;
  statfs("/tmp", &sf);
  printf("statfs /tmp: %s\n", sf.f_type == 0x01021994 ? "TMPFS_MAGIC" : "other");
  statfs("/proc", &sf);
  printf("statfs /proc: %s\n", sf.f_type == 0x9fa0 ? "PROC_SUPER_MAGIC" : "other");
  statfs("/dev/shm", &sf);
  printf("statfs /dev/shm: %s\n", sf.f_type == 0x01021994 ? "TMPFS_MAGIC" : "other");
  T("statfs missing", statfs("/tmp/fs-mount/nope", &sf));
  return 0;
}
