#include "pthread_impl.h"
#include "syscall.h"

/* A detached thread frees its own stack and exits. Nothing after the munmap
 * touches linear memory: the glue keeps its state in wasm locals and the
 * channel, which does not live in the unmapped area. */
void __unmapself(void *base, size_t size)
{
	__syscall(SYS_munmap, base, size);
	for (;;) __syscall(SYS_exit, 0);
}
