#include "pthread_impl.h"

/* The thread pointer lives in TLS (see pthread_arch.h). */
hidden _Thread_local uintptr_t __kandelo_tp;

int __set_thread_area(void *p)
{
	__kandelo_tp = (uintptr_t)p;
	return 0;
}
