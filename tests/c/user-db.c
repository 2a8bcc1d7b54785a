/* The user and group database through musl: /etc/passwd and /etc/group, with musl's nscd client
 * finding no nscd (socket answers EAFNOSUPPORT: no address family yet). */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int main(void) {
  errno = 0;
  int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  printf("socket(AF_UNIX): %d %s\n", s, strerror(errno));
  struct passwd *pw = getpwnam("root");
  printf("getpwnam root: %s uid %d\n", pw ? pw->pw_name : "(null)", pw ? (int)pw->pw_uid : -1);
  struct group *gr = getgrnam("root");
  printf("getgrnam root: %s gid %d\n", gr ? gr->gr_name : "(null)", gr ? (int)gr->gr_gid : -1);
  gid_t groups[16];
  int n = 16;
  int r = getgrouplist("root", 0, groups, &n);
  printf("getgrouplist root: %d, first %d\n", r, r > 0 ? (int)groups[0] : -1);
  printf("getpwnam missing: %s\n", getpwnam("no-such-user") ? "found" : "null");
  return 0;
}
