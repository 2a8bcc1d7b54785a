#include <math.h>

/* One WebAssembly instruction (double ceil). */
double ceil(double x)
{
	return __builtin_ceil(x);
}
