/* posix_spawn's chdir and fchdir file actions run before the exec, so a relative program path
   starts in the child's new cwd. Run from a directory holding `args` (tests/c/args.c). */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void spawn_in(const char *what, posix_spawn_file_actions_t *fa, char *code) {
  char *argv[] = {"args", code, 0};
  pid_t pid;
  int status = -1;
  int rc = posix_spawn(&pid, "../args", fa, 0, argv, environ);
  if (rc == 0) waitpid(pid, &status, 0);
  fflush(stdout);
  printf("%s: %s status %d\n", what, rc ? strerror(rc) : "ok", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  fflush(stdout);
}

int main(void) {
  mkdir("sub", 0755);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addchdir_np(&fa, "sub");
  spawn_in("chdir", &fa, "7");
  posix_spawn_file_actions_destroy(&fa);

  int dir = open("sub", O_RDONLY | O_DIRECTORY);
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addfchdir_np(&fa, dir);
  spawn_in("fchdir", &fa, "8");
  posix_spawn_file_actions_destroy(&fa);
  close(dir);

  /* without a chdir action the path is the parent's: ../args is not there */
  spawn_in("no chdir", 0, "9");
  rmdir("sub");
  return 0;
}
