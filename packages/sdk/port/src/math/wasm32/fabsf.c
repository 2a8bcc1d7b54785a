#include <math.h>

/* One WebAssembly instruction (float fabs). */
float fabsf(float x)
{
	return __builtin_fabsf(x);
}
