#include <string.h>
#include <stdint.h>

/* memory.copy has memmove semantics (overlap allowed); small moves use a loop (see memcpy.c). */
#define SMALL 32

void *memmove(void *dest, const void *src, size_t n)
{
	if (n >= SMALL) return __builtin_memmove(dest, src, n);
	unsigned char *d = dest;
	const unsigned char *s = src;
	if (d == s) return dest;
	if (d < s || d >= s + n) {
		while (n--) *d++ = *s++;
	} else {
		while (n--) d[n] = s[n];
	}
	return dest;
}
