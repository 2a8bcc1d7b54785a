#include <math.h>

/* One WebAssembly instruction (float copysign). */
float copysignf(float x, float y)
{
	return __builtin_copysignf(x, y);
}
