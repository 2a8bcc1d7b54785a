#include <math.h>

/* One WebAssembly instruction (double copysign). */
double copysign(double x, double y)
{
	return __builtin_copysign(x, y);
}
