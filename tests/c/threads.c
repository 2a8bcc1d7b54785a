/* pthreads: 4 threads on a mutex and a condition variable, join/detach, rwlock, barrier,
 * semaphores, and futex timeouts through timed waits. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int counter, turn;
static _Thread_local int mine;

static void *worker(void *arg) {
  int id = (int)(long)arg;
  mine = id;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
  }
  /* take turns in id order through the condvar */
  pthread_mutex_lock(&mu);
  while (turn != id) pthread_cond_wait(&cv, &mu);
  turn++;
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&mu);
  return (void *)(long)(mine * 10);
}

static pthread_barrier_t bar;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int shared;
static void *barrier_worker(void *arg) {
  pthread_rwlock_wrlock(&rw);
  shared += (int)(long)arg;
  pthread_rwlock_unlock(&rw);
  int r = pthread_barrier_wait(&bar);
  pthread_rwlock_rdlock(&rw);
  int seen = shared;
  pthread_rwlock_unlock(&rw);
  return (void *)(long)(seen * 2 + (r == PTHREAD_BARRIER_SERIAL_THREAD));
}

static sem_t sem;
static volatile int detached_ran;
static void *detached(void *arg) {
  (void)arg;
  detached_ran = 1;
  sem_post(&sem);
  return 0;
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  pthread_t t[4];
  for (long i = 0; i < 4; i++) pthread_create(&t[i], 0, worker, (void *)i);
  long sum = 0;
  for (int i = 0; i < 4; i++) {
    void *r;
    pthread_join(t[i], &r);
    sum += (long)r;
  }
  printf("mutex counter %d, turns %d, join values %ld\n", counter, turn, sum);

  pthread_barrier_init(&bar, 0, 3);
  pthread_t b[3];
  for (long i = 0; i < 3; i++) pthread_create(&b[i], 0, barrier_worker, (void *)(i + 1));
  int serial = 0, agree = 1;
  for (int i = 0; i < 3; i++) {
    void *r;
    pthread_join(b[i], &r);
    serial += (long)r & 1;
    agree &= ((long)r >> 1) == 6;
  }
  printf("barrier serial %d, all saw 6: %d\n", serial, agree);

  sem_init(&sem, 0, 0);
  pthread_t d;
  pthread_attr_t at;
  pthread_attr_init(&at);
  pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
  pthread_create(&d, &at, detached, 0);
  sem_wait(&sem);
  printf("detached ran %d\n", detached_ran);

  /* timeouts: nobody signals, so these must time out */
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec += 50 * 1000000;
  if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
  pthread_mutex_lock(&mu);
  int r = pthread_cond_timedwait(&cv, &mu, &ts);
  pthread_mutex_unlock(&mu);
  printf("cond timedwait: %s\n", strerror(r));
  errno = 0;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec += 20 * 1000000;
  if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
  printf("sem timedwait: %d %s\n", sem_timedwait(&sem, &ts), strerror(errno));
  printf("main tls untouched: %d\n", mine);
  return 0;
}
