/* Cancellation points. Without machine code addresses there is no window
 * [__cp_begin, __cp_end) for the SIGCANCEL handler to test, so a pending
 * cancellation is acted on before the call and when the call comes back
 * interrupted. The markers exist so pthread_cancel.c links; no code address
 * ever falls between them. */
#include "pthread_impl.h"
#include "syscall.h"

hidden const char __cp_begin[1], __cp_end[1], __cp_cancel[1];
hidden long __cancel(void);

hidden long __syscall_cp_asm(volatile int *cancel, syscall_arg_t nr,
	syscall_arg_t u, syscall_arg_t v, syscall_arg_t w,
	syscall_arg_t x, syscall_arg_t y, syscall_arg_t z)
{
	if (*cancel) return __cancel();
	long r = __syscall(nr, u, v, w, x, y, z);
	if (r == -EINTR && *cancel) return __cancel();
	return r;
}
