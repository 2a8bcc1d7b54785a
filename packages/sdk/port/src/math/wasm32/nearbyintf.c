#include <math.h>

/* One WebAssembly instruction (float nearest). */
float nearbyintf(float x)
{
	return __builtin_rintf(x);
}
