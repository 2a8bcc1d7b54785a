#include <math.h>

/* One WebAssembly instruction (float sqrt). */
float sqrtf(float x)
{
	return __builtin_sqrtf(x);
}
