#include <string.h>
#include <stdint.h>

/* memory.fill for large fills; a loop below SMALL bytes (see memcpy.c). */
#define SMALL 32

void *memset(void *dest, int c, size_t n)
{
	if (n >= SMALL) return __builtin_memset(dest, c, n);
	unsigned char *d = dest;
	while (n--) *d++ = (unsigned char)c;
	return dest;
}
