#include <math.h>

/* One WebAssembly instruction (double trunc). */
double trunc(double x)
{
	return __builtin_trunc(x);
}
