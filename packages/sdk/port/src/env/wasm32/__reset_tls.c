/* musl's generic __reset_tls copies each TLS module's image over the thread's block. On wasm32 the
 * "image" of the main thread's module is the main thread's live block (see __init_tls.c), so a
 * thread resetting its TLS (musl's SIGEV_THREAD timer helper does, after each callback) would take
 * over the main thread's channel and thread pointer. Re-initialise the block from the module's
 * pristine TLS segment instead, keeping this thread's channel and thread pointer. */
#include "pthread_impl.h"

extern hidden _Thread_local void *__kandelo_channel;
hidden void *__kandelo_tls_block(pthread_t td);
void __wasm_init_tls(void *block);

void __reset_tls(void)
{
	pthread_t self = __pthread_self();
	void *channel = __kandelo_channel;
	/* The main thread's block is wasm-ld's static one and has no pristine copy to return to. */
	if (self->tid == __syscall(SYS_getpid)) return;
	__wasm_init_tls(__kandelo_tls_block(self));
	__set_thread_area(self);
	__kandelo_channel = channel;
}
