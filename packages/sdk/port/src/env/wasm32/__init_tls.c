/* TLS for wasm32 uses LLVM's native WebAssembly TLS: compiled code reaches
 * _Thread_local objects through the __tls_base global, and wasm-ld's
 * __wasm_init_tls(block) copies the TLS image into a block and points
 * __tls_base at it. For the first instance (the main thread) wasm-ld's start
 * function has already done that, so there are no program headers to parse
 * and nothing to copy here.
 *
 * musl's own view of a thread is its struct pthread, reached through the
 * thread pointer (__kandelo_tp, itself a _Thread_local). The main thread's
 * struct pthread is static. For other threads __copy_tls lays out an area
 * of libc.tls_size bytes as
 *
 *     [struct pthread][pad to tls_align][TLS block][dtv: count, block]
 *
 * and the new thread's entry calls __wasm_init_tls on the TLS block
 * (__kandelo_tls_block(td) finds it) before it runs any C code. */
#include <string.h>
#include <stddef.h>
#include "pthread_impl.h"
#include "libc.h"
#include "syscall.h"

volatile int __thread_list_lock;

int __init_tp(void *p)
{
	pthread_t td = p;
	td->self = td;
	int r = __set_thread_area(TP_ADJ(p));
	if (r < 0) return -1;
	if (!r) libc.can_do_threads = 1;
	td->detach_state = DT_JOINABLE;
	td->tid = __syscall(SYS_set_tid_address, &__thread_list_lock);
	td->locale = &libc.global_locale;
	td->robust_list.head = &td->robust_list.head;
	td->sysinfo = __sysinfo;
	td->next = td->prev = td;
	return 0;
}

static size_t tls_block_align(void)
{
	size_t a = __builtin_wasm_tls_align();
	return a < sizeof(void *) ? sizeof(void *) : a;
}

hidden void *__kandelo_tls_block(pthread_t td)
{
	uintptr_t a = tls_block_align();
	return (void *)(((uintptr_t)td + sizeof(struct pthread) + a - 1) & -a);
}

void *__copy_tls(unsigned char *mem)
{
	pthread_t td;
	uintptr_t *dtv;

	mem += -(uintptr_t)mem & (_Alignof(struct pthread) - 1);
	td = (pthread_t)mem;
	memset(td, 0, sizeof *td);
	dtv = (uintptr_t *)((char *)__kandelo_tls_block(td) + __builtin_wasm_tls_size());
	dtv = (uintptr_t *)(((uintptr_t)dtv + sizeof(uintptr_t) - 1) & -sizeof(uintptr_t));
	dtv[0] = 1;
	dtv[1] = (uintptr_t)__kandelo_tls_block(td);
	td->dtv = dtv;
	return td;
}

static struct pthread main_thread;
static uintptr_t main_dtv[2];
static struct tls_module main_tls;

static void static_init_tls(size_t *aux)
{
	void *base = __builtin_wasm_tls_base();
	size_t size = __builtin_wasm_tls_size();

	main_tls.image = base;
	main_tls.len = size;
	main_tls.size = size;
	main_tls.align = tls_block_align();
	main_tls.offset = 0;
	libc.tls_cnt = 1;
	libc.tls_head = &main_tls;
	libc.tls_align = main_tls.align;
	libc.tls_size = sizeof(struct pthread) + _Alignof(struct pthread)
		+ main_tls.align + size + 3 * sizeof(uintptr_t);

	main_dtv[0] = 1;
	main_dtv[1] = (uintptr_t)base;
	main_thread.dtv = main_dtv;

	if (__init_tp(&main_thread) < 0)
		a_crash();
}

weak_alias(static_init_tls, __init_tls);
