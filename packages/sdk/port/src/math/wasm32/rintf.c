#include <math.h>

/* One WebAssembly instruction (float nearest). */
float rintf(float x)
{
	return __builtin_rintf(x);
}
