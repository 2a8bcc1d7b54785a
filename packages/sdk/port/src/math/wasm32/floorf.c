#include <math.h>

/* One WebAssembly instruction (float floor). */
float floorf(float x)
{
	return __builtin_floorf(x);
}
