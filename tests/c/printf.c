#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <float.h>
int main(void) {
  printf("int:%d neg:%d hex:%#x oct:%o\n", 42, -7, 255, 8);
  printf("str:[%5s][%-5s] char:%c\n", "ab", "cd", 'z');
  printf("ll:%lld ull:%llu i64:%" PRId64 "\n", -9000000000LL, 18446744073709551615ULL, (int64_t)1 << 40);
  printf("f:%.3f e:%e g:%g\n", 3.14159265, 12345.678, 0.0001);
  long double x = 1.0L / 3.0L;
  printf("Lf:%.30Lf\n", x);
  printf("Le:%Le LDBL_MANT_DIG:%d\n", (long double)2.5e300L * 1e300L, LDBL_MANT_DIG);
  printf("ptr-size:%zu size_t:%zu\n", sizeof(void *), sizeof(size_t));
  printf("inf:%f nan:%f\n", 1.0 / 0.0, 0.0 / 0.0);
  return 0;
}
