/* Prints "ready", then sleeps until a signal ends it. With "catch", SIGINT/SIGTERM handlers make
 * it exit 7 instead (so the CLI's exit status is the program's own). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static volatile int caught;
static void on(int s) { caught = s; }
int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "catch")) {
    signal(SIGINT, on);
    signal(SIGTERM, on);
  }
  printf("ready\n");
  fflush(stdout);
  while (!caught) usleep(5000);
  return 7;
}
