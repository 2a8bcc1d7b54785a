#include <math.h>

/* One WebAssembly instruction (float trunc). */
float truncf(float x)
{
	return __builtin_truncf(x);
}
