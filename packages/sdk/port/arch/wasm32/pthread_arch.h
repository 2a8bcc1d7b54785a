/* The thread pointer is an ordinary _Thread_local variable: LLVM addresses
 * TLS through the per-instance __tls_base global, so each thread (a module
 * instance in its own worker) has its own copy. It points at the thread's
 * struct pthread (musl's "TLS below TP" layout: tp == pthread_self()).
 * Set by __set_thread_area (src/thread/wasm32). */
extern __attribute__((__visibility__("hidden"))) _Thread_local uintptr_t __kandelo_tp;

static inline uintptr_t __get_tp()
{
	return __kandelo_tp;
}

#define MC_PC __pc
