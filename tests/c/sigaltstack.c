/* sigaltstack and SA_ONSTACK: a handler runs on the alternate stack (a local's address lies in
 * it) only with SA_ONSTACK; inside it the stack reports SS_ONSTACK and cannot be changed (EPERM);
 * a nested handler stays on it; leaving a handler by siglongjmp leaves the stack; ENOMEM, EINVAL,
 * SS_DISABLE; fork keeps the stack, a new thread has none. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define ALT_SIZE (64 * 1024)
static char *alt;
static volatile uintptr_t local_at, nested_at;
static volatile int flags_inside, change_inside, errno_inside, siginfo_ok;
static sigjmp_buf jb;

static int on_alt(uintptr_t a) { return a >= (uintptr_t)alt && a < (uintptr_t)alt + ALT_SIZE; }

static void nested(int s) {
  (void)s;
  volatile char here = 0;
  nested_at = (uintptr_t)&here;
}

static void handler(int s, siginfo_t *si, void *uc) {
  volatile char here = 0;
  local_at = (uintptr_t)&here;
  siginfo_ok = si->si_signo == s && uc != 0;
  stack_t cur;
  sigaltstack(0, &cur);
  flags_inside = cur.ss_flags;
  stack_t other = {.ss_sp = malloc(MINSIGSTKSZ * 4), .ss_size = MINSIGSTKSZ * 4, .ss_flags = 0};
  errno = 0;
  change_inside = sigaltstack(&other, 0);
  errno_inside = errno;
  raise(SIGUSR2); /* SA_ONSTACK too: runs on the stack already in use, below this frame */
}

static void plain(int s) {
  (void)s;
  volatile char here = 0;
  local_at = (uintptr_t)&here;
  stack_t cur;
  sigaltstack(0, &cur);
  flags_inside = cur.ss_flags;
}

static void jumper(int s) {
  (void)s;
  siglongjmp(jb, 1);
}

static void *thread_main(void *a) {
  (void)a;
  stack_t cur;
  sigaltstack(0, &cur);
  return (void *)(intptr_t)(cur.ss_flags == SS_DISABLE && cur.ss_sp == 0 && cur.ss_size == 0);
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  alt = malloc(ALT_SIZE);
  stack_t ss = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0}, old;
  int r = sigaltstack(&ss, &old);
  printf("set: %d, old disabled %d\n", r, old.ss_flags == SS_DISABLE);
  sigaltstack(0, &old);
  printf("get: sp same %d size %zu flags %d\n", old.ss_sp == alt, old.ss_size, old.ss_flags);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigaction(SIGUSR1, &sa, 0);
  sa.sa_handler = nested;
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR2, &sa, 0);
  sa.sa_handler = plain;
  sa.sa_flags = 0;
  sigaction(SIGTERM, &sa, 0);

  volatile char main_local = 0;
  raise(SIGUSR1);
  printf("SA_ONSTACK handler: on the alternate stack %d, siginfo %d, SS_ONSTACK inside %d\n", on_alt(local_at), siginfo_ok,
         flags_inside == SS_ONSTACK);
  printf("change inside: %d %s\n", change_inside, strerror(errno_inside));
  printf("nested handler: on the alternate stack %d, below the outer frame %d\n", on_alt(nested_at), nested_at < local_at);
  sigaltstack(0, &old);
  printf("after the handler: flags %d, main's stack not alternate %d\n", old.ss_flags, !on_alt((uintptr_t)&main_local));

  raise(SIGTERM);
  printf("handler without SA_ONSTACK: on the alternate stack %d, flags inside %d\n", on_alt(local_at), flags_inside);

  /* leaving a handler with siglongjmp leaves the alternate stack too */
  sa.sa_handler = jumper;
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGHUP, &sa, 0);
  if (!sigsetjmp(jb, 1)) raise(SIGHUP);
  sigaltstack(0, &old);
  local_at = 0;
  raise(SIGUSR1);
  printf("after siglongjmp: flags %d, next handler on the alternate stack %d\n", old.ss_flags, on_alt(local_at));

  /* errors */
  stack_t small = {.ss_sp = alt, .ss_size = MINSIGSTKSZ - 1, .ss_flags = 0};
  errno = 0;
  printf("small: %d %s\n", sigaltstack(&small, 0), strerror(errno));
  errno = 0;
  printf("small (raw syscall): %ld %s\n", syscall(SYS_sigaltstack, &small, 0), strerror(errno));
  stack_t bad = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 4};
  errno = 0;
  printf("bad flags: %ld %s\n", syscall(SYS_sigaltstack, &bad, 0), strerror(errno));
  sigaltstack(0, &old);
  printf("unchanged by the failures: %d\n", old.ss_sp == alt && old.ss_size == ALT_SIZE);

  /* fork keeps the stack; a new thread starts with none */
  pid_t c = fork();
  if (c == 0) {
    sigaltstack(0, &old);
    local_at = 0;
    raise(SIGUSR1);
    _exit(old.ss_sp == alt && old.ss_size == ALT_SIZE && on_alt(local_at) ? 7 : 1);
  }
  int st;
  waitpid(c, &st, 0);
  printf("fork keeps it: %d\n", WEXITSTATUS(st) == 7);
  pthread_t th;
  void *res;
  pthread_create(&th, 0, thread_main, 0);
  pthread_join(th, &res);
  printf("new thread has none: %d\n", (int)(intptr_t)res);

  /* SS_DISABLE: handlers run on the normal stack again */
  stack_t off = {.ss_flags = SS_DISABLE};
  r = sigaltstack(&off, &old);
  printf("disable: %d, old flags %d\n", r, old.ss_flags);
  sigaltstack(0, &old);
  printf("disabled: flags %d sp %p size %zu\n", old.ss_flags, old.ss_sp, old.ss_size);
  local_at = 0;
  raise(SIGUSR1);
  printf("SA_ONSTACK handler without a stack: on the alternate stack %d, flags inside %d\n", on_alt(local_at),
         flags_inside);
  return 0;
}
