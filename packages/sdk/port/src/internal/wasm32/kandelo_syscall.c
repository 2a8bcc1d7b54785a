/* The system call glue: one channel per thread, in process memory.
 *
 * The thread writes the number and six arguments (sign-extended to 64 bits),
 * publishes STATE=PENDING and rings the kernel. It then spins on STATE for an
 * adaptive number of iterations; if the reply has not come, it announces
 * WAITING=1 and sleeps in memory.atomic.wait32 until STATE leaves PENDING.
 * The kernel writes RESULT, stores STATE=COMPLETE and notifies only when it
 * sees WAITING=1. Both sides use sequentially consistent atomics, so either
 * the kernel sees WAITING=1 and notifies, or the thread sees COMPLETE before
 * it sleeps.
 *
 * A read or write is first offered to the worker's kandelo.io import, which moves the bytes of a
 * pipe transfer itself when it can (see __kandelo_syscall). */
#include <stdint.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <kandelo/channel.h>
#include "syscall.h"

hidden _Thread_local void *__kandelo_channel;

__attribute__((__import_module__(KANDELO_RING_MODULE), __import_name__(KANDELO_RING_NAME)))
void __kandelo_ring(void);

/* The worker's pipe fast path (kernel-core io/fast-io.ts): moves the bytes of a read or write on
 * a pipe end itself when it can, and returns the count; KANDELO_IO_KERNEL otherwise. */
__attribute__((__import_module__(KANDELO_IO_MODULE), __import_name__(KANDELO_IO_NAME)))
long __kandelo_io(long n, long fd, long buf, long len);

/* Spin budget bounds, in polling iterations (one atomic load each), while the kernel has not yet
 * picked the call up (PARKED == NO). */
#define SPIN_MIN 64
/* The glue's own adaptation stops here (a few microseconds of polling: what a kernel handler
 * needs); only the kernel goes lower, by writing SPIN_MIN when the CPUs are oversubscribed. */
#define SPIN_FLOOR 1024
#define SPIN_MAX 20000
#define SPIN_INIT 2000
/* While the kernel runs our call's handler (PARKED == SERVING) the answer is near: keep polling
 * up to ~30 us before sleeping, since a wake-up costs tens of microseconds. Longer spins cost
 * more than they save on 2 CPUs (posix_spawn got slower at ~0.2 ms). */
#define SERVE_MAX 40000

#define CH_I32(ch, off) ((volatile int32_t *)((char *)(ch) + (off)))
#define CH_I64(ch, off) ((volatile int64_t *)((char *)(ch) + (off)))

long __kandelo_syscall(long n, long a, long b, long c, long d, long e, long f);

/* The C shadow stack pointer, the __stack_pointer global: reported to the kernel with every call
 * (for sigaltstack), and moved to the alternate signal stack around an SA_ONSTACK handler. */
__asm__(".globaltype __stack_pointer, i32\n");

static inline uintptr_t stack_pointer(void)
{
	uintptr_t sp;
	__asm__ volatile("global.get __stack_pointer\n\tlocal.set %0" : "=r"(sp));
	return sp;
}

static inline void set_stack_pointer(uintptr_t sp)
{
	__asm__ volatile("local.get %0\n\tglobal.set __stack_pointer" : : "r"(sp) : "memory");
}

/* Runs the handlers the kernel attached to a completion (CH_SIGNAL), each followed by
 * rt_sigreturn with the mask to restore; a call the kernel answered with -ERESTART (SA_RESTART)
 * is then made again. With CH_SIG_STACK set (SA_ONSTACK, an alternate stack not in use) the
 * handler runs with __stack_pointer at that top, and the stack pointer comes back after it: this
 * function's own frame (si, uc) is addressed through a local, not through the global. The SDK's
 * fork analysis does not follow the indirect calls here, so a handler that forks is not
 * supported: otherwise every syscall path would be instrumented. */
__attribute__((__noinline__))
long __kandelo_deliver_signal(void *ch, long r, long n, long a, long b, long c, long d, long e, long f)
{
	int sig;
	while ((sig = *CH_I32(ch, KANDELO_CH_SIGNAL)) != 0) {
		uintptr_t handler = *(volatile uint32_t *)((char *)ch + KANDELO_CH_SIG_HANDLER);
		unsigned flags = *(volatile uint32_t *)((char *)ch + KANDELO_CH_SIG_FLAGS);
		unsigned long long old = *(volatile unsigned long long *)((char *)ch + KANDELO_CH_SIG_OLDMASK);
		uintptr_t top = *(volatile uint32_t *)((char *)ch + KANDELO_CH_SIG_STACK);
		siginfo_t si;
		/* Copied without calling memcpy: the post-link step instruments loops in every other
		 * function, and a poll before SIGNAL is cleared would let the kernel overwrite it. */
		for (size_t i = 0; i < sizeof si / 4; i++)
			((uint32_t *)&si)[i] = ((volatile uint32_t *)((char *)ch + KANDELO_CH_SIGINFO))[i];
		*CH_I32(ch, KANDELO_CH_SIGNAL) = 0;
		uintptr_t sp = stack_pointer();
		if (flags & SA_SIGINFO) {
			ucontext_t uc;
			memset(&uc, 0, sizeof uc);
			memcpy(&uc.uc_sigmask, &old, sizeof old);
			if (top) set_stack_pointer(top);
			((void (*)(int, siginfo_t *, void *))handler)(sig, &si, &uc);
		} else {
			if (top) set_stack_pointer(top);
			((void (*)(int))handler)(sig);
		}
		if (top) set_stack_pointer(sp);
		/* Restores the mask; its completion may carry the next signal. */
		__kandelo_syscall(SYS_rt_sigreturn, (long)old, (long)(old >> 32), 0, 0, 0, 0);
	}
	if (r == -KANDELO_ERESTART) return __kandelo_syscall(n, a, b, c, d, e, f);
	return r;
}

__attribute__((__noinline__)) static long __kandelo_call(void *ch, long n, long a, long b, long c, long d, long e, long f);

long __kandelo_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	void *ch = __kandelo_channel;
	if (!ch) return -ENOSYS;
	if (n == SYS_read || n == SYS_write || n == SYS_readv || n == SYS_writev) {
		long done = 0;
		for (;;) {
			long r = __kandelo_io(n, a, b + done, c - done);
			/* The worker moved bytes through a pipe the kernel has waiters on: wake them. */
			int kick = *CH_I32(ch, KANDELO_CH_IO_KICK);
			if (kick) {
				*CH_I32(ch, KANDELO_CH_IO_KICK) = 0;
				__kandelo_call(ch, SYS_kandelo_io_kick, kick - 1, 0, 0, 0, 0, 0);
			}
			if (r == KANDELO_IO_KERNEL) break;
			done += r;
			/* A read returns what it got, and so do readv and writev (all or nothing). A write
			 * stopped part way to kick offers the rest again; one that stopped for want of room
			 * leaves the rest to the kernel, which may wait, and an error there (EAGAIN, EPIPE,
			 * EINTR) still reports what went in. */
			if (n != SYS_write || (unsigned long)done >= (unsigned long)c) return done;
			if (!kick) break;
		}
		if (done) {
			long rest = __kandelo_call(ch, n, a, b + done, c - done, d, e, f);
			return rest >= 0 ? done + rest : done;
		}
	}
	return __kandelo_call(ch, n, a, b, c, d, e, f);
}

__attribute__((__noinline__)) static long __kandelo_call(void *ch, long n, long a, long b, long c, long d, long e, long f)
{

	volatile int32_t *state = CH_I32(ch, KANDELO_CH_STATE);
	volatile int64_t *args = CH_I64(ch, KANDELO_CH_ARGS);
	*CH_I32(ch, KANDELO_CH_NR) = n;
	*CH_I32(ch, KANDELO_CH_CALL_SP) = (int32_t)stack_pointer();
	args[0] = a;
	args[1] = b;
	args[2] = c;
	args[3] = d;
	args[4] = e;
	args[5] = f;
	__atomic_store_n(state, KANDELO_STATE_PENDING, __ATOMIC_SEQ_CST);
	__kandelo_ring();

	volatile int32_t *spin = CH_I32(ch, KANDELO_CH_SPIN);
	int32_t budget = *spin;
	if (budget < SPIN_MIN || budget > SPIN_MAX) budget = SPIN_INIT;

	volatile int32_t *parked = CH_I32(ch, KANDELO_CH_PARKED);
	int32_t i = 0, held = 0;
	while (__atomic_load_n(state, __ATOMIC_SEQ_CST) == KANDELO_STATE_PENDING) {
		/* The kernel parked the call (it waits for data, a child...): sleep now instead of
		 * holding a CPU, and keep the spin budget, since spinning was not what failed. */
		held = *parked;
		if (held == KANDELO_PARKED_SERVING && ++i < SERVE_MAX) continue;
		if (held == KANDELO_PARKED_NO && ++i < budget) continue;
		/* The reply did not come while spinning: sleep, and spin less
		 * next time. */
		volatile int32_t *waiting = CH_I32(ch, KANDELO_CH_WAITING);
		__atomic_store_n(waiting, 1, __ATOMIC_SEQ_CST);
		while (__atomic_load_n(state, __ATOMIC_SEQ_CST) == KANDELO_STATE_PENDING)
			__builtin_wasm_memory_atomic_wait32((int32_t *)state, KANDELO_STATE_PENDING, -1);
		__atomic_store_n(waiting, 0, __ATOMIC_SEQ_CST);
		/* Calls that must wait are parked by the kernel (held): they say nothing about spinning.
		 * A slow answer shrinks the budget only a little, or a mix of quick and slower calls
		 * (a signal delivery, say) would drive it to the floor and make every call sleep. Below
		 * the floor only the kernel's sleep hint goes (CPUs oversubscribed). */
		if (held != KANDELO_PARKED_HELD) budget -= budget >> 3;
		if (budget < SPIN_FLOOR) budget = SPIN_FLOOR;
		i = -1;
		break;
	}
	if (i >= 0) {
		/* Answered while spinning: allow a longer spin next time. */
		budget += (budget >> 2) + 16;
		if (budget > SPIN_MAX) budget = SPIN_MAX;
	}
	/* The kernel asks threads to sleep soon while the CPUs are oversubscribed. */
	if (*spin == KANDELO_SPIN_SLEEP_HINT) budget = SPIN_MIN;
	*spin = budget;

	long r = (long)*CH_I64(ch, KANDELO_CH_RESULT);
	__atomic_store_n(state, KANDELO_STATE_IDLE, __ATOMIC_SEQ_CST);
	if (__builtin_expect(*CH_I32(ch, KANDELO_CH_SIGNAL) != 0, 0))
		r = __kandelo_deliver_signal(ch, r, n, a, b, c, d, e, f);
	/* The kernel completes exit/exit_group only after it has ended the thread: leave wasm so the
	 * host can reuse this worker for another program. */
	if (n == SYS_exit_group || n == SYS_exit) __builtin_trap();
	/* Likewise a successful exec: the kernel answers it only once the new
	 * image has replaced this one, and this worker's old module is done.
	 * A failed exec returns -errno as usual. */
	if ((n == SYS_execve || n == SYS_execveat) && r == 0) __builtin_trap();
	return r;
}

/* The process's attention word: non-zero while the kernel wants some thread of this process to
 * enter it although it makes no call (a signal to handle, a stop). Every loop head the SDK's
 * post-link step instrumented (lib/loop-poll.mjs) reads it at this link-time address, exported
 * for the post-link step and the kernel (--export-if-defined in lib/config.mjs), and calls
 * __kandelo_poll when it is set. */
volatile int __kandelo_attention;

/* Whether the request is this thread's (CH_ATTENTION, per thread): then a call that does nothing,
 * so that its completion runs pending handlers, or holds the thread while its process is stopped.
 * Other threads return at once. Exported only so the linker keeps it for the post-link step,
 * which drops the export. */
__attribute__((__export_name__(KANDELO_POLL_EXPORT), __noinline__))
void __kandelo_poll(void)
{
	void *ch = __kandelo_channel;
	if (ch && *CH_I32(ch, KANDELO_CH_ATTENTION))
		__kandelo_syscall(SYS_kandelo_poll, 0, 0, 0, 0, 0, 0);
}
