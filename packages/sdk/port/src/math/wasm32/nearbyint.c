#include <math.h>

/* One WebAssembly instruction (double nearest). */
double nearbyint(double x)
{
	return __builtin_rint(x);
}
