import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli, kandelo, program, repoRoot } from './lib/run.js';

/** Runs the CLI on `args`, sends it `sig` once the program printed "ready", resolves its exit code. */
function interrupt(args: string[], sig: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'run', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) child.kill(sig);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
}

describe('signals delivered at syscall return', () => {
  it('handlers, siginfo, masks, SA_RESETHAND, SIGCHLD, EINTR and SA_RESTART, other processes, SIGPIPE, groups', async () => {
    const r = await kandelo(['run', program('signals')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'raise: hits 1 sig 10 blocked inside 1, restored after 1',
      'siginfo: sig 12 code SI_USER 1 pid self 1',
      'resethand: default again 1',
      'blocked: ran before unblock 0, after 1',
      'sigchld: pid 1 status 9',
      'no SA_RESTART: read -1 Interrupted system call',
      'SA_RESTART: read 4 after 1 handler run(s)',
      'child handled SIGTERM: 21',
      'SIGPIPE caught: handler 1 write -1 Broken pipe',
      'process group kill: 1',
      '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('CPU-time clocks are CPU time (metered per worker); getrusage, wait4 rusage, times, sysinfo; clock_settime EPERM', async () => {
    const r = await kandelo(['run', program('cputime')]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'a 300 ms sleep costs under 150 ms of CPU: 1', 'a 300 ms busy loop costs over 150 ms of CPU: 1',
      'thread clock advanced too: 1', "getrusage(SELF) >= the process clock's 150 ms: 1",
      'getrusage(CHILDREN) before any child: 0', 'wait4 rusage of the child > 150 ms: 1',
      'getrusage(CHILDREN) > 150 ms after the wait: 1', 'times: utime > 0.15 s 1, cutime > 0.15 s 1',
      'sysinfo: 0, procs >= 1 1, mem_unit 1024, totalram > freeram > 0 1',
      'clock_settime(REALTIME): -1 Operation not permitted', 'clock_settime(MONOTONIC): -1 Invalid argument',
    ]);
    expect(r.code).toBe(0);
  });

  it('job-control stops: WUNTRACED, WCONTINUED, waitid WSTOPPED, SIGCHLD codes, SA_NOCLDSTOP, SIGKILL while stopped', async () => {
    const r = await kandelo(['run', program('jobctl')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'stopped: 1 sig 19, SIGCHLD code CLD_STOPPED 1', 'reported once: 0',
      'continued: 1, SIGCHLD code CLD_CONTINUED 1', 'waitid stopped: code 1 status 19', 'killed while stopped: 1 sig 9',
      'SA_NOCLDSTOP: no SIGCHLD for the stop 1', 'ignored SIGCHLD: wait -1 No child process', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('a loop without syscalls is stopped, continued and killed, and runs handlers (post-link loop polling)', async () => {
    const r = await kandelo(['run', program('spin-signals')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'stopped: 1 sig 19', 'continued: 1', 'killed: 1 sig 9', 'used no CPU while stopped: 1',
      'SIGUSR1 handler ran in the loop: 1 status 42', 'not while stopped: 1', 'after SIGCONT: 1 status 42',
      'SIGALRM handler ended the loop: 1', 'pthread_kill reached the spinning thread: 1, handler ran there 1', 'SIGTERM: 1 sig 15', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('the CLI forwards SIGINT (Ctrl-C), SIGTERM and SIGHUP to the program; its status is the program\'s', async () => {
    expect(await interrupt([program('wait-signal')], 'SIGINT')).toBe(130);
    expect(await interrupt([program('wait-signal')], 'SIGTERM')).toBe(143);
    expect(await interrupt([program('wait-signal')], 'SIGHUP')).toBe(129);
    expect(await interrupt([program('wait-signal'), 'catch'], 'SIGINT')).toBe(7);
  });

  it('sigpending, sigsuspend and sigtimedwait', async () => {
    const r = await kandelo(['run', program('sigwait')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'pending while blocked: 1, handler ran: 0', 'sigsuspend: -1 Interrupted system call, handler 1, mask restored 1',
      'sigsuspend woken by a child\'s kill: 1', 'sigtimedwait pending: 12 code SI_TKILL 1',
      'sigtimedwait arriving: 12 from child 1', 'sigtimedwait timeout: -1 Resource temporarily unavailable', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('real-time signals queue in order with values up to RLIMIT_SIGPENDING; standard ones coalesce', async () => {
    const r = await kandelo(['run', program('sigqueue')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('delivered 5: USR1:0 RTMIN:1 RTMIN:2 RTMIN:3 RTMIN+1:9\nqueue limit: 0 0 -1 Resource temporarily unavailable\n');
  });

  it('interval timers and sleeps: ITIMER_REAL, EINTR with time left, periodic timers, alarm', async () => {
    const r = await kandelo(['run', program('timers')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'armed: value>0 1 interval 0 1', 'nanosleep interrupted: -1 Interrupted system call, alarms 1, time left 0.5-1s 1',
      'disarmed after firing: 1', 'periodic fired at least 4 times: 1', 'alarm left: 5', 'plain sleep: 0',
      'sleeps that ended early: 0', '',
    ].join('\n'));
  });

  it('POSIX timers: SIGEV_SIGNAL with a value, gettime, SIGEV_NONE, SIGEV_THREAD, delete', async () => {
    const r = await kandelo(['run', program('posix-timers')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'create: 0', 'gettime: interval 10ms 1, value>0 1', 'periodic SIGEV_SIGNAL: fired>=3 1, siginfo right 1',
      'deleted: -1 Invalid argument', 'SIGEV_NONE armed: 1', 'thread timer create: 0', 'SIGEV_THREAD callback: 1 value 7', '',
    ].join('\n'));
  });

  it('timerfd: blocking reads count expirations, missed periods, O_NONBLOCK, short buffers', async () => {
    const r = await kandelo(['run', program('timerfd')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'blocking reads counted >=3 expirations: 1', 'gettime interval 10ms: 1', 'missed periods are counted: 1',
      'nonblocking unarmed: -1 Resource temporarily unavailable', 'short buffer: -1 Invalid argument', '',
    ].join('\n'));
  });

  it('signalfd: records with sender, code and value, O_NONBLOCK, poll, a read blocked until a child signals, SIGCHLD', async () => {
    const r = await kandelo(['run', program('signalfd')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'signalfd: fd>=0 1, cloexec 1', 'read both: 256 bytes, signo 10 15, pid self 1 1, code SI_USER 1 1',
      'sigqueue: 128 bytes, signo 10 code SI_QUEUE 1 int 1234', 'nonblocking empty: -1 Resource temporarily unavailable',
      'short buffer: -1 Invalid argument', 'poll empty: 0', 'poll pending: 1 revents POLLIN 1',
      'blocking read: 128 bytes, signo 10 from child 1', 'blocking poll: 1, then signo 15 int 77', 'update: 1',
      'SIGCHLD: signo 17 code CLD_EXITED 1 pid 1 status 5',
      'out of the mask: -1 Resource temporarily unavailable, still pending 1', 'bad flags: -1 Invalid argument',
      'not a signalfd: -1 Invalid argument', 'bad mask size: -1 Invalid argument', 'fd link: anon_inode:[signalfd]', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('sigaltstack: SA_ONSTACK handlers run on the alternate stack, SS_ONSTACK and EPERM inside, errors, fork, threads', async () => {
    const r = await kandelo(['run', program('sigaltstack')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'set: 0, old disabled 1', 'get: sp same 1 size 65536 flags 0',
      'SA_ONSTACK handler: on the alternate stack 1, siginfo 1, SS_ONSTACK inside 1',
      'change inside: -1 Operation not permitted', 'nested handler: on the alternate stack 1, below the outer frame 1',
      'after the handler: flags 0, main\'s stack not alternate 1',
      'handler without SA_ONSTACK: on the alternate stack 0, flags inside 0',
      'after siglongjmp: flags 0, next handler on the alternate stack 1', 'small: -1 Out of memory',
      'small (raw syscall): -1 Out of memory', 'bad flags: -1 Invalid argument', 'unchanged by the failures: 1',
      'fork keeps it: 1', 'new thread has none: 1', 'disable: 0, old flags 0', 'disabled: flags 2 sp 0 size 0',
      'SA_ONSTACK handler without a stack: on the alternate stack 0, flags inside 2', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });
});
