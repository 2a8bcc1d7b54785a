import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kandelo, program, repoRoot } from './lib/run.js';

/** A directory holding the programs these tests exec, as the guest sees them (the cwd mount). */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kandelo-proc-'));
  for (const name of ['args', 'exec', 'fork', 'threads', 'groups', 'exec-state', 'spawn-chdir', 'exec-rewrite']) copyFileSync(program(name), join(dir, name));
  writeFileSync(join(dir, 'notexec'), 'data');
  chmodSync(join(dir, 'notexec'), 0o644);
  writeFileSync(join(dir, 'garbage'), 'not a program at all\n');
  chmodSync(join(dir, 'garbage'), 0o755);
  writeFileSync(join(dir, 'script'), '#!./args 21\nignored body\n');
  chmodSync(join(dir, 'script'), 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (name: string, ...args: string[]) => kandelo(['run', `./${name}`, ...args], { cwd: dir });

describe('processes', () => {
  it('fork copies state; children are reaped sequentially, concurrently, in any order', async () => {
    const r = await run('fork');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'fork returned child pid>0: 1', 'child saw copied state: 1', 'parent state untouched: 42 parent heap',
      'shared offset: 4', 'sequential children: 30/30',
      'concurrent children: 12/12 sum 1266, then wait: -1 No child process', 'deep fork: 5', 'setjmp frame: 6',
      'function pointer: 8', 'WNOHANG while running: 0', 'reaped later: 0', 'waitpid(no child): -1 No child process', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it("posix_spawn's chdir and fchdir actions come before the exec: a relative program path starts there", async () => {
    const r = await run('spawn-chdir');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'argc=2', 'argv[0]=args', 'argv[1]=7', 'env=(unset)', 'chdir: ok status 7',
      'argc=2', 'argv[0]=args', 'argv[1]=8', 'env=(unset)', 'fchdir: ok status 8',
      'no chdir: No such file or directory status -1', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('exec runs a program file as it is now: rewritten in place, on memfs and on the overlay root', async () => {
    const r = await run('exec-rewrite');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      '/tmp: ran 42, rewritten 0: ENOEXEC, restored 0: 42',
      ': ran 42, rewritten 0: ENOEXEC, restored 0: 42', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('exec, exec failures, #! scripts, vfork, posix_spawn with file actions and attributes', async () => {
    const r = await run('exec');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'exec status 17 output:', 'argc=3', 'argv[0]=args', 'argv[1]=17', 'argv[2]=from exec', 'env=exec-env',
      'non-UTF-8 argv/envp kept: status 3 same 1',
      'exec missing: No such file or directory', 'exec not executable: Permission denied',
      'exec garbage: Exec format error',
      'argc=4', 'argv[0]=./args', 'argv[1]=21', 'argv[2]=./script', 'argv[3]=extra', 'env=(unset)', 'script status 21',
      'argc=2', 'argv[0]=args', 'argv[1]=9', 'env=(unset)', 'vfork+exec status 9', 'posix_spawn rc 0 status 5',
      'spawned output:', 'argc=3', 'argv[0]=args', 'argv[1]=5', 'argv[2]=spawned', 'env=(unset)',
      'posix_spawn missing: No such file or directory', 'setpgroup: rc 0 own group 1', 'posix_spawnp rc 0 status 0', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('threads: mutex, condvar, join, detach, barrier, rwlock, semaphores, timeouts', async () => {
    const r = await run('threads');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'mutex counter 4000, turns 4, join values 60', 'barrier serial 1, all saw 6: 1', 'detached ran 1',
      'cond timedwait: Operation timed out', 'sem timedwait: -1 Operation timed out', 'main tls untouched: 0', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('process groups, sessions and resource limits', async () => {
    const r = await run('groups');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'leader of own group: 1, session: 1', 'setsid as group leader: -1 Operation not permitted',
      'setpgid(-1): -1 Invalid argument', 'setpgid(unrelated): -1 No such process',
      'getpgid(unrelated): -1 No such process', 'setpgid(child, child): 0 ok', 'child group is its pid: 1',
      'setpgid(child, nonexistent group): -1 Operation not permitted', 'group leader child setsid EPERM: 1',
      'setpgid(child in other session): -1 Operation not permitted', 'child setsid worked: 1',
      'setrlimit NOFILE 8: 0 ok', 'opened until No file descriptors available after 3 more', 'nproc limit finite: 1',
      'setrlimit NPROC 5: 0 ok', 'forked 4 then Resource temporarily unavailable', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('400 threads created and joined in turn (each reusing its predecessor\'s channel page)', async () => {
    const r = await kandelo(['run', program('thread-churn')]);
    expect(r).toMatchObject({ code: 0, stdout: 'joined 400 of 400\n' });
  });

  it('exec keeps the pid and mask, closes CLOEXEC fds, resets handlers; exit() from a thread; orphans', async () => {
    const r = await run('exec-state');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'thread exit() ended the process: 1', 'orphan re-parented and reaped by init: 1',
      'after exec: pid same 1, cloexec fd closed 1, plain fd open 1, USR1 default 1, USR2 ignored 1, mask kept 1', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('a process whose worker dies abruptly is a SIGKILLed child its parent reaps; the kernel serves on', () => {
    const script = fileURLToPath(new URL('./lib/crash-run.mjs', import.meta.url));
    const out = execFileSync(process.execPath, [script, program('crash-parent'), '2', '500'], { cwd: repoRoot, encoding: 'utf8' });
    expect(out).toBe('child 2\nreaped 1 signaled 1 sig 9\nkernel still serves: 7\nstatus 0\n');
  });
});
