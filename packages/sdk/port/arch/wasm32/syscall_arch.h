/* Every system call goes through one C function, the glue in
 * src/internal/wasm32/kandelo_syscall.c, which posts the call on this
 * thread's channel and waits for the kernel's reply. */

long __kandelo_syscall(long, long, long, long, long, long, long);

/* 64-bit arguments travel as two longs, low word first, with no alignment
 * padding (so pread64 is fd, buf, count, lo, hi). */
#define __SYSCALL_LL_E(x) \
((union { long long __ll; long __l[2]; }){ .__ll = (x) }).__l[0], \
((union { long long __ll; long __l[2]; }){ .__ll = (x) }).__l[1]
#define __SYSCALL_LL_O(x) __SYSCALL_LL_E((x))

static inline long __syscall0(long n)
{
	return __kandelo_syscall(n, 0, 0, 0, 0, 0, 0);
}

static inline long __syscall1(long n, long a)
{
	return __kandelo_syscall(n, a, 0, 0, 0, 0, 0);
}

static inline long __syscall2(long n, long a, long b)
{
	return __kandelo_syscall(n, a, b, 0, 0, 0, 0);
}

static inline long __syscall3(long n, long a, long b, long c)
{
	return __kandelo_syscall(n, a, b, c, 0, 0, 0);
}

static inline long __syscall4(long n, long a, long b, long c, long d)
{
	return __kandelo_syscall(n, a, b, c, d, 0, 0);
}

static inline long __syscall5(long n, long a, long b, long c, long d, long e)
{
	return __kandelo_syscall(n, a, b, c, d, e, 0);
}

static inline long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	return __kandelo_syscall(n, a, b, c, d, e, f);
}

/* kandelo has only the 64-bit-time system calls. musl 1.2.3 would map the
 * plain names to nonexistent *_time32 calls; map them to the time64 calls
 * instead, which makes every "SYS_x == SYS_x_time64" test in musl true and
 * its time32 fallbacks dead code. */
#ifndef SYS_clock_gettime
#define SYS_clock_gettime SYS_clock_gettime64
#endif
#ifndef SYS_clock_settime
#define SYS_clock_settime SYS_clock_settime64
#endif
#ifndef SYS_clock_adjtime
#define SYS_clock_adjtime SYS_clock_adjtime64
#endif
#ifndef SYS_clock_getres
#define SYS_clock_getres SYS_clock_getres_time64
#endif
#ifndef SYS_clock_nanosleep
#define SYS_clock_nanosleep SYS_clock_nanosleep_time64
#endif
#ifndef SYS_timer_gettime
#define SYS_timer_gettime SYS_timer_gettime64
#endif
#ifndef SYS_timer_settime
#define SYS_timer_settime SYS_timer_settime64
#endif
#ifndef SYS_timerfd_gettime
#define SYS_timerfd_gettime SYS_timerfd_gettime64
#endif
#ifndef SYS_timerfd_settime
#define SYS_timerfd_settime SYS_timerfd_settime64
#endif
/* Referenced only by those dead fallbacks; no such calls exist. */
#ifndef SYS_nanosleep
#define SYS_nanosleep (-1)
#endif
#ifndef SYS_gettimeofday
#define SYS_gettimeofday (-1)
#endif

/* The kernel takes the plain IPC command numbers and the 64-bit-time
 * structures of arch/generic/bits/{msg,sem,shm}.h. */
#define IPC_64 0

/* This thread's syscall channel (struct layout in <kandelo/channel.h>), set
 * by the entry point before any C code that could make a system call. */
extern __attribute__((__visibility__("hidden"))) _Thread_local void *__kandelo_channel;
