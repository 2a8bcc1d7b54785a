#include <string.h>
#include <stdint.h>

/* Below this size a loop beats memory.copy, which V8 runs as an out-of-line call costing ~10 ns
 * (musl's qsort moves 4-byte elements one memcpy at a time: 13x slower than native before). */
#define SMALL 32

void *memcpy(void *restrict dest, const void *restrict src, size_t n)
{
	if (n >= SMALL) return __builtin_memcpy(dest, src, n);
	unsigned char *d = dest;
	const unsigned char *s = src;
	if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
		for (; n >= 4; n -= 4, d += 4, s += 4) *(uint32_t *)d = *(const uint32_t *)s;
	}
	while (n--) *d++ = *s++;
	return dest;
}
