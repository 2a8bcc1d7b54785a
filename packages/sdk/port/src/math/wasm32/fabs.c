#include <math.h>

/* One WebAssembly instruction (double fabs). */
double fabs(double x)
{
	return __builtin_fabs(x);
}
