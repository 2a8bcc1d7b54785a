/* _Fork for kandelo: the new process is made by the host, not by a system
 * call, because a WebAssembly call stack cannot be copied. The program is
 * instrumented with Binaryen's Asyncify after linking (lib/postlink.mjs),
 * for the functions that can reach the import below. The import
 *
 *     int kandelo.fork(void)
 *
 * unwinds the calling thread's wasm stack into the buffer returned by
 * __kandelo_fork_buffer(), the host makes the kandelo_fork system call,
 * and then rewinds the stack in the parent (the import returns the child's
 * pid) and in the child, a new instance on a copy of the memory (it returns
 * 0). A negative value is -errno.
 *
 * Around the import this does what musl's generic _Fork does around its
 * fork system call: all signals blocked, aio told, __abort_lock held, and
 * in the child the thread bookkeeping reset. The buffer is static, one per
 * process: __abort_lock, held across the import, keeps two threads from
 * unwinding into it at once. */
#include <unistd.h>
#include <signal.h>
#include "syscall.h"
#include "libc.h"
#include "lock.h"
#include "pthread_impl.h"
#include "aio_impl.h"
#include <kandelo/channel.h>

/* Header {current, end} that Asyncify reads, then the data area. The host
 * sets current = buf + 8 and end = buf + 8 + KANDELO_FORK_DATA_SIZE before
 * each unwind. 64 KiB holds the saved locals and call indices of a few
 * thousand frames. Asyncify does not check the bound while it unwinds: a
 * deeper stack writes past the buffer, and asyncify_stop_unwind then traps
 * (the process is beyond saving by then). */
#define KANDELO_FORK_DATA_SIZE KANDELO_FORK_BUFFER_SIZE

static _Alignas(16) unsigned char fork_buffer[8 + KANDELO_FORK_DATA_SIZE];

__attribute__((__export_name__(KANDELO_FORK_BUFFER_EXPORT)))
void *__kandelo_fork_buffer(void)
{
	return fork_buffer;
}

__attribute__((__import_module__(KANDELO_FORK_MODULE), __import_name__(KANDELO_FORK_NAME)))
int __kandelo_fork(void);

static void dummy(int x) { }
weak_alias(dummy, __aio_atfork);

pid_t _Fork(void)
{
	pid_t ret;
	sigset_t set;
	__block_all_sigs(&set);
	__aio_atfork(-1);
	LOCK(__abort_lock);
	ret = __kandelo_fork();
	if (!ret) {
		pthread_t self = __pthread_self();
		self->tid = __syscall(SYS_gettid);
		self->robust_list.off = 0;
		self->robust_list.pending = 0;
		self->next = self->prev = self;
		__thread_list_lock = 0;
		libc.threads_minus_1 = 0;
		if (libc.need_locks) libc.need_locks = -1;
	}
	UNLOCK(__abort_lock);
	__aio_atfork(!ret);
	__restore_sigs(&set);
	return __syscall_ret(ret);
}
