#include <math.h>

/* One WebAssembly instruction (double sqrt). */
double sqrt(double x)
{
	return __builtin_sqrt(x);
}
