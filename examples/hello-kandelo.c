/* The example `npm start` runs: a C program compiled with the kandelo SDK against musl, talking to
 * the TypeScript kernel through real syscalls. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  struct utsname u;
  uname(&u);
  char cwd[4096];
  getcwd(cwd, sizeof cwd);
  time_t now = time(0);
  printf("Hello from %s %s (%s), pid %d, on a kernel written in TypeScript.\n", u.sysname, u.release, u.machine, getpid());
  printf("The time is %s", ctime(&now));
  printf("Working directory %s holds:\n", cwd);
  DIR *d = opendir(".");
  struct dirent *e;
  int shown = 0;
  while (d && (e = readdir(d)) && shown < 12) {
    if (e->d_name[0] == '.') continue;
    printf("  %s%s\n", e->d_name, e->d_type == DT_DIR ? "/" : "");
    shown++;
  }
  if (d) closedir(d);
  for (int i = 1; i < argc; i++) printf("argv[%d] = %s\n", i, argv[i]);
  return 0;
}
