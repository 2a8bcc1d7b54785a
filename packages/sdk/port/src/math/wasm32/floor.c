#include <math.h>

/* One WebAssembly instruction (double floor). */
double floor(double x)
{
	return __builtin_floor(x);
}
