/* compute: a CPU-bound mix (integer hashing, floating point n-body, recursion, a sort through a
 * comparison function pointer, memory sweeps). Prints "result <ms>" for the work alone, measured
 * inside the program. Everything is in this file on purpose: calling libc's qsort would compare
 * musl's smoothsort with glibc's merge sort, not our runtime with native code. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint32_t hash_work(int rounds) {
  uint32_t h = 2166136261u;
  static uint8_t buf[1 << 16];
  for (int i = 0; i < (int)sizeof buf; i++) buf[i] = (uint8_t)(i * 31);
  for (int r = 0; r < rounds; r++)
    for (int i = 0; i < (int)sizeof buf; i++) {
      h ^= buf[i] + r;
      h *= 16777619u;
      h = (h << 5) | (h >> 27);
    }
  return h;
}

typedef struct { double x, y, z, vx, vy, vz, m; } body;
static double nbody(int steps) {
  body b[5] = {{0, 0, 0, 0, 0, 0, 39.47}, {4.84, -1.16, -0.10, 0.606, 2.81, -0.02, 0.037},
               {8.34, 4.12, -0.40, -1.01, 1.82, 0.008, 0.011}, {12.89, -15.11, -0.22, 1.08, 0.868, -0.01, 0.0017},
               {15.37, -25.91, 0.179, 0.979, 0.594, -0.034, 0.002}};
  for (int s = 0; s < steps; s++) {
    for (int i = 0; i < 5; i++)
      for (int j = i + 1; j < 5; j++) {
        double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
        double d2 = dx * dx + dy * dy + dz * dz, mag = 0.01 / (d2 * sqrt(d2));
        b[i].vx -= dx * b[j].m * mag; b[i].vy -= dy * b[j].m * mag; b[i].vz -= dz * b[j].m * mag;
        b[j].vx += dx * b[i].m * mag; b[j].vy += dy * b[i].m * mag; b[j].vz += dz * b[i].m * mag;
      }
    for (int i = 0; i < 5; i++) { b[i].x += 0.01 * b[i].vx; b[i].y += 0.01 * b[i].vy; b[i].z += 0.01 * b[i].vz; }
  }
  return b[0].x + b[1].y;
}

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

/* Quicksort of ints through a comparison pointer, insertion sort below 16 elements. */
static void sort(int *v, long n, int (*less)(const void *, const void *)) {
  while (n > 16) {
    int p = v[n / 2];
    long i = 0, j = n - 1;
    for (;;) {
      while (less(&v[i], &p) < 0) i++;
      while (less(&p, &v[j]) < 0) j--;
      if (i >= j) break;
      int t = v[i]; v[i] = v[j]; v[j] = t;
      i++; j--;
    }
    sort(v, j + 1, less);
    v += j + 1;
    n -= j + 1;
  }
  for (long i = 1; i < n; i++) {
    int x = v[i];
    long k = i;
    while (k > 0 && less(&v[k - 1], &x) > 0) { v[k] = v[k - 1]; k--; }
    v[k] = x;
  }
}

static long long sweep(int n) {
  int *v = malloc(n * sizeof *v);
  for (int i = 0; i < n; i++) v[i] = (i * 2654435761u) >> 8;
  sort(v, n, cmp);
  for (int i = 1; i < n; i++) if (v[i - 1] > v[i]) abort();
  long long s = 0;
  for (int i = 0; i < n; i += 3) s += v[i];
  char *a = malloc(1 << 22), *c = malloc(1 << 22);
  for (int r = 0; r < 20; r++) { memset(a, r, 1 << 22); memcpy(c, a, 1 << 22); s += c[r * 1000]; }
  free(a); free(c); free(v);
  return s;
}

int main(void) {
  double t0 = now_ms();
  uint32_t h = hash_work(400);
  double nb = nbody(2000000);
  int f = fib(30);
  long long s = sweep(1000000);
  double t1 = now_ms();
  fprintf(stderr, "check %u %.6f %d %lld\n", h, nb, f, s);
  printf("result %.2f\n", t1 - t0);
  return 0;
}
