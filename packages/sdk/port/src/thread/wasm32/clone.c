/* Threads. A new thread is the same module instantiated on the same memory
 * in another worker; the kernel creates it for the clone system call and
 * the host calls its entry export.
 *
 * __clone keeps the start function and its argument at the top of the new
 * stack, where __kandelo_thread_start finds them:
 *
 *     stack' = (stack & -16) - 16;  stack'[0] = func;  stack'[1] = arg;
 *     clone(flags, stack', ptid, tls, ctid)
 *
 * It returns the new thread's id, or -errno. */
#include <stdarg.h>
#include <stdint.h>
#include "pthread_impl.h"
#include <kandelo/channel.h>
#include "syscall.h"

extern hidden _Thread_local void *__kandelo_channel;
hidden void *__kandelo_tls_block(pthread_t);
void __wasm_init_tls(void *);

int __clone(int (*func)(void *), void *stack, int flags, void *arg, ...)
{
	va_list ap;
	va_start(ap, arg);
	pid_t *ptid = va_arg(ap, pid_t *);
	void *tls = va_arg(ap, void *);
	pid_t *ctid = va_arg(ap, pid_t *);
	va_end(ap);

	void **sp = (void **)(((uintptr_t)stack & -(uintptr_t)16) - 16);
	sp[0] = (void *)func;
	sp[1] = arg;
	return __syscall(SYS_clone, flags, sp, ptid, tls, ctid);
}

/* The entry of a new thread's instance: void __kandelo_thread_start(void *tp,
 * void *stack, void *channel). The host has set __stack_pointer to stack
 * (clone's stack') and passes clone's tls argument as tp, the thread's
 * struct pthread. Until __wasm_init_tls has run, __tls_base still points at
 * the main thread's TLS, so nothing here touches a _Thread_local before it.
 * The thread ends with the exit system call, after which the glue traps. */
__attribute__((__export_name__(KANDELO_THREAD_START_EXPORT)))
void __kandelo_thread_start(void *tp, void *stack, void *channel)
{
	__wasm_init_tls(__kandelo_tls_block(tp));
	__set_thread_area(TP_ADJ(tp));
	__kandelo_channel = channel;
	int (*func)(void *) = (int (*)(void *))((void **)stack)[0];
	void *arg = ((void **)stack)[1];
	__syscall(SYS_exit, func(arg));
	__builtin_trap();
}
