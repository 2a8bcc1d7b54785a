/* Many short threads created and joined one after another: each new thread gets the channel
 * page and stack its predecessor just gave up, while that predecessor's worker may still be on
 * its way out of wasm (a regression test for a hang when the page was handed over too early). */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *body(void *arg) {
  (void)arg;
  getpid(); /* a syscall on the new channel */
  return (void *)(long)getppid();
}

int main(void) {
  int ok = 0;
  for (int i = 0; i < 400; i++) {
    pthread_t t;
    void *r;
    if (pthread_create(&t, 0, body, 0) || pthread_join(t, &r)) break;
    if ((long)r == (long)getppid()) ok++;
  }
  printf("joined %d of 400\n", ok);
  return 0;
}
