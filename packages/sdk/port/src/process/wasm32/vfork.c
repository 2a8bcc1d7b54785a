/* vfork is fork here: the host copies the process (see _Fork.c), so the
 * child never shares the parent's memory or stack. A vfork child may only
 * call _exit or exec, which work the same in a copy. Like musl's vfork
 * (a bare system call), it runs no pthread_atfork handlers. */
#define _GNU_SOURCE
#include <unistd.h>

pid_t _Fork(void);

pid_t vfork(void)
{
	return _Fork();
}
