/* The program spawned and exec'ed by the process benchmarks: does nothing. */
int main(void) { return 0; }
