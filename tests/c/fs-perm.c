/* Permissions once root gives up its ids: EACCES for creating in a root 0755 directory and for
 * reading a 0600 root file, the sticky /tmp (EPERM for unlinking or renaming root's file),
 * chmod/chown of another's file, chown as non-root, access(2) answering for the real uid. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fs-check.h"

/* put(), then `mode` whatever the umask. */
static void put_mode(const char *path, const char *text, mode_t mode) {
  put(path, text);
  chmod(path, mode);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  umask(022);
  mkdir("/tmp/fs-perm", 0755);
  put_mode("/tmp/fs-perm/secret", "root only", 0600);
  put_mode("/tmp/fs-perm/public", "anyone", 0644);
  put_mode("/tmp/fs-perm-rootfile", "root's, in sticky /tmp", 0666);
  struct stat st;
  stat("/tmp", &st);
  printf("/tmp mode %o\n", st.st_mode & 07777);

  printf("# real uid\n");
  /* Real uid 1000, effective uid 0: access() answers for the real one. */
  pid_t c = fork();
  if (c == 0) {
    if (T("setreuid(1000, -1)", setreuid(1000, -1)) < 0) _exit(1);
    printf("uid %d euid %d\n", getuid(), geteuid());
    T("access R_OK on root's 0600 file", access("/tmp/fs-perm/secret", R_OK));
    T("faccessat AT_EACCESS", faccessat(AT_FDCWD, "/tmp/fs-perm/secret", R_OK, AT_EACCESS));
    int fd = T("open it (euid 0)", open("/tmp/fs-perm/secret", O_RDONLY));
    close(fd);
    T("access R_OK on a 0644 file", access("/tmp/fs-perm/public", R_OK));
    T("access W_OK on a 0644 file", access("/tmp/fs-perm/public", W_OK));
    _exit(0);
  }
  printf("child exit: %d\n", wait_child(c));

  printf("# uid 1000\n");
  /* Everything as uid/gid 1000. */
  c = fork();
  if (c == 0) {
    if (T("setgid 1000", setgid(1000)) < 0 || T("setuid 1000", setuid(1000)) < 0) _exit(1);
    printf("uid %d euid %d gid %d egid %d\n", getuid(), geteuid(), getgid(), getegid());
    T("setuid back to 0", setuid(0));
    T("create in root's 0755 dir", open("/tmp/fs-perm/new", O_WRONLY | O_CREAT, 0644));
    T("mkdir in root's 0755 dir", mkdir("/tmp/fs-perm/newdir", 0755));
    T("unlink in root's 0755 dir", unlink("/tmp/fs-perm/public"));
    T("read root's 0600 file", open("/tmp/fs-perm/secret", O_RDONLY));
    T("read root's 0644 file", close(open("/tmp/fs-perm/public", O_RDONLY)));
    T("write root's 0644 file", open("/tmp/fs-perm/public", O_WRONLY));
    T("read /etc/shadow (0640)", open("/etc/shadow", O_RDONLY));
    T("access R_OK on 0600", access("/tmp/fs-perm/secret", R_OK));
    T("access R_OK on 0644", access("/tmp/fs-perm/public", R_OK));
    T("unlink root's file in sticky /tmp", unlink("/tmp/fs-perm-rootfile"));
    T("rename root's file in sticky /tmp", rename("/tmp/fs-perm-rootfile", "/tmp/fs-perm-mine"));
    T("write root's 0666 file in /tmp", close(open("/tmp/fs-perm-rootfile", O_WRONLY)));
    T("chmod root's file", chmod("/tmp/fs-perm/public", 0777));
    T("chown root's file", chown("/tmp/fs-perm/public", 1000, 1000));
    T("utimensat explicit times on root's file", utimensat(AT_FDCWD, "/tmp/fs-perm-rootfile", (struct timespec[2]){ { 1, 0 }, { 1, 0 } }, 0));
    T("utimensat now on a writable root file", utimensat(AT_FDCWD, "/tmp/fs-perm-rootfile", NULL, 0));

    int fd = T("create own file in /tmp", open("/tmp/fs-perm-own", O_WRONLY | O_CREAT | O_EXCL, 0644));
    close(fd);
    stat("/tmp/fs-perm-own", &st);
    printf("own file: uid %d gid %d mode %o\n", st.st_uid, st.st_gid, st.st_mode & 07777);
    T("chmod own file", chmod("/tmp/fs-perm-own", 0600));
    T("chown own file to root", chown("/tmp/fs-perm-own", 0, -1));
    T("chgrp own file to a group we are not in", chown("/tmp/fs-perm-own", -1, 0));
    T("chown own file to ourselves", chown("/tmp/fs-perm-own", 1000, 1000));
    T("rename own file in sticky /tmp", rename("/tmp/fs-perm-own", "/tmp/fs-perm-own2"));
    T("unlink own file in sticky /tmp", unlink("/tmp/fs-perm-own2"));
    T("create in /home/user", close(open("/home/user/note", O_WRONLY | O_CREAT, 0644)));
    T("create in /root (0700)", open("/root/note", O_WRONLY | O_CREAT, 0644));
    T("stat in /root (no search permission)", stat("/root/.profile", &st));
    T("chdir /root", chdir("/root"));
    chmod("/tmp/fs-perm-rootfile", 0); /* not ours: EPERM, and the mode stays */
    stat("/tmp/fs-perm-rootfile", &st);
    printf("root file mode still %o\n", st.st_mode & 07777);
    _exit(0);
  }
  printf("child exit: %d\n", wait_child(c));
  /* Root, again, may remove what the child could not. */
  T("root unlinks in sticky /tmp", unlink("/tmp/fs-perm-rootfile"));
  stat("/home/user/note", &st);
  printf("/home/user/note owner %d\n", st.st_uid);
  return 0;
}
