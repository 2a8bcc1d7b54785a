#include <math.h>

/* One WebAssembly instruction (float ceil). */
float ceilf(float x)
{
	return __builtin_ceilf(x);
}
