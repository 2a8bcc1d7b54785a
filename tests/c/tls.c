#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
static _Thread_local int counter = 5;
static _Thread_local char name[16] = "tls-init";
int main(void) {
  counter += 10;
  name[0] = 'T';
  printf("counter:%d name:%s\n", counter, name);
  errno = 0;
  open("/definitely/missing", O_RDONLY);
  printf("errno is thread-local and works: %d\n", errno);
  return 0;
}
