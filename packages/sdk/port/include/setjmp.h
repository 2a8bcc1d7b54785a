#ifndef	_SETJMP_H
#define	_SETJMP_H

/* Kandelo wasm32 <setjmp.h>. setjmp/longjmp are lowered by the compiler to
 * WebAssembly exception handling (clang -mllvm -wasm-enable-sjlj), which
 * only recognises calls named setjmp and _setjmp, so sigsetjmp is a macro
 * around setjmp. */

#ifdef __cplusplus
extern "C" {
#endif

#include <features.h>

#include <bits/setjmp.h>

typedef struct __jmp_buf_tag {
	__jmp_buf __jb;
	unsigned long __fl;
	unsigned long __ss[128/sizeof(long)];
} jmp_buf[1];

#if __GNUC__ > 4 || (__GNUC__ == 4 && __GNUC_MINOR__ >= 1)
#define __setjmp_attr __attribute__((__returns_twice__))
#else
#define __setjmp_attr
#endif

int setjmp (jmp_buf) __setjmp_attr;
_Noreturn void longjmp (jmp_buf, int);

#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) \
 || defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
typedef jmp_buf sigjmp_buf;
int __kandelo_sigsetjmp_tail (sigjmp_buf, int, int);
_Noreturn void siglongjmp (sigjmp_buf, int);
#define sigsetjmp(env, savemask) \
	__kandelo_sigsetjmp_tail((env), (savemask), setjmp(env))
#endif

#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
int _setjmp (jmp_buf) __setjmp_attr;
_Noreturn void _longjmp (jmp_buf, int);
#endif

#define setjmp setjmp

#undef __setjmp_attr

#ifdef __cplusplus
}
#endif

#endif
