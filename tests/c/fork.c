/* fork: state copy, exit statuses, many sequential and concurrent children reaped in any order,
 * fork from deep recursion, from a frame that called setjmp, and through a function pointer. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int global = 1;

static pid_t deep_fork(int depth) {
  volatile char pad[128];
  pad[0] = (char)depth;
  if (depth == 0) return fork();
  pid_t r = deep_fork(depth - 1);
  if (pad[0] != (char)depth) _exit(99); /* the stack frame must survive the copy */
  return r;
}

static int child_status(pid_t pid) {
  int st;
  if (waitpid(pid, &st, 0) != pid) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  /* 1. state copy */
  char *heap = malloc(64);
  strcpy(heap, "parent heap");
  global = 42;
  umask(027);
  int fd = open("fork-test.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
  write(fd, "ab", 2);
  pid_t pid = fork();
  if (pid == 0) {
    int ok = global == 42 && !strcmp(heap, "parent heap") && umask(0) == 027 && getppid() > 0;
    global = 7;
    strcpy(heap, "child heap");
    write(fd, "cd", 2); /* shares the parent's file offset */
    _exit(ok ? 3 : 4);
  }
  printf("fork returned child pid>0: %d\n", pid > 0);
  printf("child saw copied state: %d\n", child_status(pid) == 3);
  printf("parent state untouched: %d %s\n", global, heap);
  printf("shared offset: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  close(fd);
  unlink("fork-test.tmp");

  /* 2. sequential children */
  int good = 0;
  for (int i = 0; i < 30; i++) {
    pid_t c = fork();
    if (c == 0) _exit(i);
    good += child_status(c) == i;
  }
  printf("sequential children: %d/30\n", good);

  /* 3. concurrent children reaped in any order */
  pid_t kids[12];
  for (int i = 0; i < 12; i++) {
    kids[i] = fork();
    if (kids[i] == 0) {
      volatile unsigned long x = 0;
      for (unsigned long k = 0; k < (unsigned long)(12 - i) * 200000; k++) x += k;
      _exit(100 + i);
    }
  }
  int seen = 0, sum = 0;
  for (int i = 0; i < 12; i++) {
    int st;
    pid_t w = wait(&st);
    for (int j = 0; j < 12; j++) if (kids[j] == w && WEXITSTATUS(st) == 100 + j) seen++;
    sum += WEXITSTATUS(st);
  }
  errno = 0;
  printf("concurrent children: %d/12 sum %d, then wait: %d %s\n", seen, sum, (int)wait(0), strerror(errno));

  /* 4. deep recursion */
  pid_t d = deep_fork(200);
  if (d == 0) _exit(5);
  printf("deep fork: %d\n", child_status(d));

  /* 5. inside a setjmp frame */
  jmp_buf jb;
  volatile int phase = 0;
  if (setjmp(jb) == 0) {
    pid_t c = fork();
    if (c == 0) longjmp(jb, 1); /* the child jumps back in its own copy */
    phase = child_status(c);
  } else {
    _exit(6);
  }
  printf("setjmp frame: %d\n", phase);

  /* 6. through a function pointer */
  pid_t (*volatile f)(void) = fork;
  pid_t c = f();
  if (c == 0) _exit(8);
  printf("function pointer: %d\n", child_status(c));

  /* 7. WNOHANG and ECHILD */
  c = fork();
  if (c == 0) { volatile unsigned long x = 0; for (unsigned long k = 0; k < 20000000; k++) x += k; _exit(0); }
  printf("WNOHANG while running: %d\n", (int)waitpid(c, 0, WNOHANG));
  printf("reaped later: %d\n", child_status(c));
  errno = 0;
  printf("waitpid(no child): %d %s\n", (int)waitpid(12345, 0, 0), strerror(errno));
  return 0;
}
