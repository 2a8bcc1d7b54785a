/* hello-start: the program whose spawn-to-exit time is measured. */
#include <stdio.h>
int main(void) {
  puts("hello, world");
  return 0;
}
