import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kandelo, program } from './lib/run.js';

describe('C programs built with the SDK, run in the kernel', () => {
  it('hello world', async () => {
    const r = await kandelo(['run', program('hello')]);
    expect(r).toMatchObject({ code: 0, stdout: 'hello, world\n', stderr: '' });
  });

  it('printf formatting, including long double', async () => {
    const r = await kandelo(['run', program('printf')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('int:42 neg:-7 hex:0xff oct:10\n');
    expect(r.stdout).toContain('str:[   ab][cd   ] char:z\n');
    expect(r.stdout).toContain('ll:-9000000000 ull:18446744073709551615 i64:1099511627776\n');
    expect(r.stdout).toContain('f:3.142 e:1.234568e+04 g:0.0001\n');
    // IEEE quad long double: 1/3 is exact to ~34 digits.
    expect(r.stdout).toContain('Lf:0.333333333333333333333333333333\n');
    expect(r.stdout).toContain('Le:2.500000e+600 LDBL_MANT_DIG:113\n');
    expect(r.stdout).toContain('ptr-size:4 size_t:4\n');
    expect(r.stdout).toContain('inf:inf nan:');
  });

  it('malloc of many MiB works and a 3 GiB malloc returns NULL', async () => {
    const r = await kandelo(['run', program('malloc')]);
    expect(r.stdout).toBe('3GiB:NULL\nstill fine\n');
    expect(r.code).toBe(0);
  });

  it('qsort', async () => {
    const r = await kandelo(['run', program('qsort')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sorted 200000 ints, min \d+\n$/);
  });

  it('setjmp/longjmp and sigsetjmp/siglongjmp', async () => {
    const r = await kandelo(['run', program('setjmp')]);
    expect(r.stdout).toBe('longjmp returned 7 after depth 100\nlongjmp returned 11 after depth 100\nlongjmp returned 12 after depth 100\nrounds 3\nmask restored: yes\n');
    expect(r.code).toBe(0);
  });

  it('thread-local storage', async () => {
    const r = await kandelo(['run', program('tls')]);
    expect(r.stdout).toBe('counter:15 name:Tls-init\nerrno is thread-local and works: 2\n');
  });

  it('passes argv and environment and returns the exit code', async () => {
    const r = await kandelo(['run', program('args'), '3', 'two words', '--flag'], { env: { KANDELO_TEST_VAR: 'yes' } });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('argc=4\n');
    expect(r.stdout).toContain('argv[1]=3\nargv[2]=two words\nargv[3]=--flag\n');
    expect(r.stdout).toContain('env=yes\n');
    expect((await kandelo(['run', program('args'), '0'])).code).toBe(0);
    expect((await kandelo(['run', program('args'), '255'])).code).toBe(255);
  });

  it('reads stdin to EOF and writes large outputs intact', async () => {
    const input = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < input.length; i++) input[i] = (i * 131 + (i >> 9)) & 0xff;
    const r = await kandelo(['run', program('stdin')], { input });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^bytes=${input.length} sum=\\d+\\n$`));
    expect(r.out.length).toBe(input.length);
    expect(createHash('sha256').update(r.out).digest('hex')).toBe(createHash('sha256').update(input).digest('hex'));
  });

  it('errno values: ENOENT, ENOSYS for unknown numbers, EBADF, EFAULT, EINVAL, ENOTSOCK', async () => {
    const r = await kandelo(['run', program('errno')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/open\("no\/such\/file", O_RDONLY\) -> -1 ENOENT/);
    expect(r.stdout).toMatch(/syscall\(999\) +-> -1 ENOSYS/);
    expect(r.stdout).toMatch(/syscall\(4000\) +-> -1 ENOSYS/);
    expect(r.stdout).toMatch(/close\(1234\) +-> -1 EBADF/);
    expect(r.stdout).toMatch(/read\(77, 0, 1\) +-> -1 EBADF/);
    expect(r.stdout).toMatch(/write\(1, .*\) +-> -1 EFAULT/);
    expect(r.stdout).toMatch(/ioctl\(99, TIOCGWINSZ, &ws\) +-> -1 EBADF/);
    expect(r.stdout).toMatch(/readlink\("", link, sizeof link\) +-> -1 ENOENT/);
    expect(r.stdout).toMatch(/fcntl\(1, F_DUPFD, -1\) +-> -1 EINVAL/);
    expect(r.stdout).toMatch(/fcntl\(1, F_DUPFD, 1 << 20\) +-> -1 EINVAL/);
    expect(r.stdout).toMatch(/accept\(99, 0, 0\) +-> -1 EBADF/);
    expect(r.stdout).toMatch(/listen\(1, 1\) +-> -1 ENOTSOCK/);
    expect(r.stdout).toContain('No such file or directory\n');
  });

  it('uname, getrandom, getcwd, ids, brk/mmap/mremap/munmap, stat family, signal dispositions', async () => {
    const r = await kandelo(['run', program('syscalls')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'uname: 0 Linux wasm32', 'getrandom: 64 64 differ=1', 'getrandom bad flags: -1 Invalid argument',
      'getcwd: ok', 'getcwd tiny: Result not representable', 'ids: pid==tid 1 ppid 0 uid 0', 'brk: grew 1 shrink 1',
      'mmap: zeroed 1 aligned 1', 'mremap: kept 1', 'munmap: 0', 'mmap reuse zeroed: 1', 'mmap len 0: Invalid argument',
      'munmap unaligned: -1 Invalid argument', 'fstat stdout: 0 fifo-or-chr 1', 'stat .: 0 dir 1', 'stat /: 0 dir 1',
      'stat missing: -1 No such file or directory', 'lseek stdout: -1 Invalid seek',
      'sigaction stored: 1 restart 1 mask 1', 'sigaction SIGKILL: -1 Invalid argument', 'sigprocmask: INT 1 KILL 0', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('ioctl TIOCGWINSZ on a pipe is ENOTTY', async () => {
    const r = await kandelo(['run', program('isatty')]);
    expect(r.stdout).toBe('isatty(1)=0 ioctl=-1 errno=Not a tty\n');
  });

  it('clocks', async () => {
    const r = await kandelo(['run', program('clocks'), String(Math.floor(Date.now() / 1000))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'monotonic advances: yes', 'realtime within 60s of host: yes', 'gettimeofday agrees: yes usec-range: ok',
      'getres: 0 nsec<1e9: yes', 'bad clock: -1', 'time() sane: yes', 'nprocs>=1: 1 yield: 0 times>0: 1', '',
    ].join('\n'));
  });

  it('1 MiB file round trip in the cwd', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kandelo-file-'));
    try {
      const r = await kandelo(['run', program('file'), 'data.bin'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('size=1048576 regular=1\nstdio match=1\nseek match=1 end=1048576\nremoved=1\n');
      expect(r.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('abort() ends with status 134 (SIGABRT)', async () => {
    const r = await kandelo(['run', program('abort')]);
    expect(r.stdout).toBe('about to abort\n');
    expect(r.code).toBe(134);
  });

  it('traps become signal deaths: out of bounds 139, unreachable 132, divide by zero 136', async () => {
    expect((await kandelo(['run', program('trap'), 'oob'])).code).toBe(139);
    expect((await kandelo(['run', program('trap'), 'unreachable'])).code).toBe(132);
    expect((await kandelo(['run', program('trap'), 'div'])).code).toBe(136);
  });
});

describe('kandelo CLI', () => {
  it('--strace prints decoded syscalls, including unknown numbers', async () => {
    const r = await kandelo(['run', '--strace', program('errno')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/openat\(AT_FDCWD, "no\/such\/file", O_RDONLY, 0\) = -1 ENOENT \(No such file or directory\)/);
    expect(r.stderr).toMatch(/sys_999\(.*\) = -1 ENOSYS/);
    expect(r.stderr).toMatch(/close\(1234\) = -1 EBADF/);
    expect(r.stderr).toMatch(/exit_group\(0\) = \?\n.*\+\+\+ exited with 0 \+\+\+\n$/);
  });

  it('says so for a missing file, a non-wasm file and a foreign module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kandelo-cli-'));
    try {
      const missing = await kandelo(['run', join(dir, 'nope.wasm')]);
      expect(missing.code).toBe(127);
      expect(missing.stderr).toMatch(/nope\.wasm: No such file or directory/);
      writeFileSync(join(dir, 'text.wasm'), '#!/bin/sh\necho hi\n');
      const text = await kandelo(['run', join(dir, 'text.wasm')]);
      expect(text.code).toBe(126);
      expect(text.stderr).toMatch(/not a WebAssembly module/);
      // A minimal WASI command: imports wasi_snapshot_preview1.proc_exit, exports _start.
      const wasi = Buffer.from([
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x08, 0x02, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x00, 0x00,
        0x02, 0x24, 0x01, 0x16, ...Buffer.from('wasi_snapshot_preview1'), 0x09, ...Buffer.from('proc_exit'), 0x00, 0x00,
        0x03, 0x02, 0x01, 0x01,
        0x07, 0x0a, 0x01, 0x06, ...Buffer.from('_start'), 0x00, 0x01,
        0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0x10, 0x00, 0x0b,
      ]);
      writeFileSync(join(dir, 'wasi.wasm'), wasi);
      const w = await kandelo(['run', join(dir, 'wasi.wasm')]);
      expect(w.code).toBe(126);
      expect(w.stderr).toMatch(/a WASI module/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the user and group database: getpwnam, getgrnam, getgrouplist (musl finds no nscd)', async () => {
    const r = await kandelo(['run', program('user-db')]);
    expect(r.stdout).toBe([
      'socket(AF_UNIX): -1 Address family not supported by protocol', 'getpwnam root: root uid 0', 'getgrnam root: root gid 0',
      'getgrouplist root: 2, first 0', 'getpwnam missing: null', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('usage errors are reported by the parser', async () => {
    const r = await kandelo(['run']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/missing required argument/);
  });
});
