/* execve/posix_spawn/vfork: run from a directory holding `args` (tests/c/args.c) and `notexec`. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int status_of(pid_t pid) {
  int st;
  if (waitpid(pid, &st, 0) != pid) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void read_all(int fd, char *buf, size_t cap) {
  size_t n = 0;
  ssize_t r;
  while (n + 1 < cap && (r = read(fd, buf + n, cap - 1 - n)) > 0) n += r;
  buf[n] = 0;
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  char buf[4096];

  /* exec with stdout dup2'ed into a pipe */
  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    dup2(p[1], 1);
    close(p[0]);
    close(p[1]);
    char *argv[] = {"args", "17", "from exec", 0};
    char *envp[] = {"KANDELO_TEST_VAR=exec-env", 0};
    execve("./args", argv, envp);
    _exit(127);
  }
  close(p[1]);
  read_all(p[0], buf, sizeof buf);
  close(p[0]);
  printf("exec status %d output:\n%s", status_of(c), buf);

  /* argv and envp strings are bytes: non-UTF-8 ones reach the new image unchanged */
  pipe(p);
  c = fork();
  if (c == 0) {
    dup2(p[1], 1);
    close(p[0]);
    close(p[1]);
    char *argv[] = {"args", "3", "\233\375\\\200 \xc3\xa9 \xed\xa0\x80", 0};
    char *envp[] = {"KANDELO_TEST_VAR=\377\xf0\x9f\x98\x80\xf0\x9f", 0};
    execve("./args", argv, envp);
    _exit(127);
  }
  close(p[1]);
  read_all(p[0], buf, sizeof buf);
  close(p[0]);
  const char *want = "argc=3\nargv[0]=args\nargv[1]=3\nargv[2]=\233\375\\\200 \xc3\xa9 \xed\xa0\x80\n"
                     "env=\377\xf0\x9f\x98\x80\xf0\x9f\n";
  printf("non-UTF-8 argv/envp kept: status %d same %d\n", status_of(c), strcmp(buf, want) == 0);

  /* exec failures return to the caller */
  char *argv0[] = {"x", 0};
  errno = 0;
  execve("./no-such-program", argv0, environ);
  printf("exec missing: %s\n", strerror(errno));
  errno = 0;
  execve("./notexec", argv0, environ);
  printf("exec not executable: %s\n", strerror(errno));
  errno = 0;
  execve("./garbage", argv0, environ);
  printf("exec garbage: %s\n", strerror(errno));

  /* #! script with one argument */
  c = fork();
  if (c == 0) {
    char *argv[] = {"script", "extra", 0};
    execve("./script", argv, environ);
    _exit(127);
  }
  printf("script status %d\n", status_of(c));

  /* vfork + exec */
  c = vfork();
  if (c == 0) {
    char *argv[] = {"args", "9", 0};
    execve("./args", argv, environ);
    _exit(127);
  }
  printf("vfork+exec status %d\n", status_of(c));

  /* posix_spawn with file actions: stdout to a file, then read it back */
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "spawn-out.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addclose(&fa, 2);
  char *sargv[] = {"args", "5", "spawned", 0};
  pid_t sp;
  int rc = posix_spawn(&sp, "./args", &fa, 0, sargv, environ);
  printf("posix_spawn rc %d status %d\n", rc, status_of(sp));
  int fd = open("spawn-out.tmp", O_RDONLY);
  read_all(fd, buf, sizeof buf);
  close(fd);
  unlink("spawn-out.tmp");
  printf("spawned output:\n%s", buf);
  posix_spawn_file_actions_destroy(&fa);

  /* posix_spawn failures are returned, not errno */
  rc = posix_spawn(&sp, "./no-such-program", 0, 0, sargv, environ);
  printf("posix_spawn missing: %s\n", strerror(rc));

  /* the remaining children keep quiet: their stdout is closed */
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  posix_spawn_file_actions_addclose(&quiet, 1);

  /* attributes: process group */
  posix_spawnattr_t at;
  posix_spawnattr_init(&at);
  posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&at, 0);
  rc = posix_spawn(&sp, "./args", &quiet, &at, sargv, environ);
  pid_t pg = getpgid(sp);
  printf("setpgroup: rc %d own group %d\n", rc, pg == sp);
  status_of(sp);
  posix_spawnattr_destroy(&at);

  /* posix_spawnp searches PATH */
  setenv("PATH", "/nonexistent:.", 1);
  char *pargv[] = {"args", "0", 0};
  rc = posix_spawnp(&sp, "args", &quiet, 0, pargv, environ);
  printf("posix_spawnp rc %d status %d\n", rc, status_of(sp));
  return 0;
}
