#include <math.h>

/* One WebAssembly instruction (double nearest). */
double rint(double x)
{
	return __builtin_rint(x);
}
