/* The first syscalls beyond stdio: uname, getrandom, getcwd, ids, brk/mmap/munmap/mremap, stat
 * family, rt_sigaction/rt_sigprocmask storage, lseek on stdio. Prints one line per check. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

static void handler(int sig) { (void)sig; }

int main(void) {
  struct utsname u;
  printf("uname: %d %s %s\n", uname(&u), u.sysname, u.machine);

  unsigned char r1[64] = {0}, r2[64] = {0};
  printf("getrandom: %zd %zd differ=%d\n", getrandom(r1, sizeof r1, 0), getrandom(r2, sizeof r2, 0), memcmp(r1, r2, 64) != 0);
  errno = 0;
  printf("getrandom bad flags: %zd %s\n", getrandom(r1, 8, 0x100), strerror(errno));

  char cwd[4096];
  printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? "ok" : strerror(errno));
  errno = 0;
  printf("getcwd tiny: %s\n", getcwd(cwd, 2) ? "ok" : strerror(errno));

  printf("ids: pid==tid %d ppid %d uid %d\n", getpid() == (pid_t)syscall(SYS_gettid), getppid(), getuid());

  /* musl's sbrk refuses increments; use the syscall. */
  char *b0 = (char *)syscall(SYS_brk, 0);
  char *b1 = (char *)syscall(SYS_brk, b0 + (1 << 20));
  memset(b0, 1, 1 << 20);
  printf("brk: grew %d shrink %d\n", b1 == b0 + (1 << 20), (char *)syscall(SYS_brk, b0) == b0);

  char *m = mmap(0, 3 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int zero = 1;
  for (int i = 0; i < (3 << 20); i += 4096) zero &= m[i] == 0;
  memset(m, 0x77, 3 << 20);
  printf("mmap: zeroed %d aligned %d\n", zero, ((unsigned long)m & 4095) == 0);
  char *m2 = mremap(m, 3 << 20, 8 << 20, MREMAP_MAYMOVE);
  printf("mremap: kept %d\n", m2 != MAP_FAILED && m2[(3 << 20) - 1] == 0x77 && m2[(8 << 20) - 1] == 0);
  printf("munmap: %d\n", munmap(m2, 8 << 20));
  char *m3 = mmap(0, 3 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  zero = 1;
  for (int i = 0; i < (3 << 20); i += 512) zero &= m3[i] == 0;
  printf("mmap reuse zeroed: %d\n", zero);
  errno = 0;
  printf("mmap len 0: %s\n", mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? strerror(errno) : "mapped");
  errno = 0;
  printf("munmap unaligned: %d %s\n", munmap(m3 + 1, 4096), strerror(errno));

  struct stat st;
  printf("fstat stdout: %d fifo-or-chr %d\n", fstat(1, &st), S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode));
  printf("stat .: %d dir %d\n", stat(".", &st), S_ISDIR(st.st_mode));
  printf("stat /: %d dir %d\n", stat("/", &st), S_ISDIR(st.st_mode));
  errno = 0;
  printf("stat missing: %d %s\n", stat("no-such-entry", &st), strerror(errno));
  errno = 0;
  printf("lseek stdout: %lld %s\n", (long long)lseek(1, 0, SEEK_CUR), strerror(errno));

  struct sigaction sa = {0}, old = {0};
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESTART;
  sigaddset(&sa.sa_mask, SIGUSR2);
  sigaction(SIGUSR1, &sa, 0);
  sigaction(SIGUSR1, 0, &old);
  printf("sigaction stored: %d restart %d mask %d\n", old.sa_handler == handler, (old.sa_flags & SA_RESTART) != 0, sigismember(&old.sa_mask, SIGUSR2));
  errno = 0;
  printf("sigaction SIGKILL: %d %s\n", sigaction(SIGKILL, &sa, 0), strerror(errno));
  sigset_t set, cur;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGKILL);
  sigprocmask(SIG_BLOCK, &set, 0);
  sigprocmask(SIG_SETMASK, 0, &cur);
  printf("sigprocmask: INT %d KILL %d\n", sigismember(&cur, SIGINT), sigismember(&cur, SIGKILL));
  return 0;
}
