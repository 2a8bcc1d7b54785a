import { describe, expect, it } from 'vitest';
import { kandelo, program } from './lib/run.js';

describe('pipes, in a C program run in the kernel', () => {
  it('pipe/pipe2 within one process, ending in a death by SIGPIPE', async () => {
    const r = await kandelo(['run', program('pipe')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'pipe: 0 fds 3 4',
      'write: 11',
      'FIONREAD: 0 11',
      'read: 5 hello',
      'read rest: 6 , pipe',
      'fstat: fifo 1 same-ino 1',
      'lseek: -1 Invalid seek',
      'writev: 5',
      'readv: 5 ab|cde',
      'after close: 3 then 0 0',
      'pipe2: 0 cloexec 1 nonblock 1',
      'empty nonblock read: -1 Resource temporarily unavailable',
      'filled: 65000 then Resource temporarily unavailable',
      'large write with 536 free: 536',
      'full nonblock write: -1 Resource temporarily unavailable',
      'F_GETPIPE_SZ: 65536',
      'shrink below contents: -1 Resource busy',
      'grow: 131072 now 131072',
      'beyond pipe-max-size: -1 Operation not permitted',
      'not a pipe: -1 Bad file descriptor',
      'through dup: 3 dup',
      'read through F_DUPFD_CLOEXEC (fd 10): 1 !',
      'eof through dup: 0',
      'write without reader, SIGPIPE ignored: -1 Broken pipe',
      'empty write without reader: 0',
      'about to die',
      '',
    ].join('\n'));
    expect(r.code).toBe(141);
  });

  // Skipped until ChannelServer stops re-running calls it already completed (a thread woken and
  // served by the channel scan in the same pass runs again from the run queue): today that
  // duplicates whole writes between processes. Enable once kernel-core has the fix.
  it('between processes: a checked 8 MiB stream in mixed sizes, EOF, SIGPIPE for a blocked writer', async () => {
    const r = await kandelo(['run', program('pipe-fork')]);
    expect(r.stdout).toBe([
      'stream: 8388608 of 8388608 bytes, first bad -1, writer exit 0, then EOF 0',
      'writer without reader: killed by signal 13',
      '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  // The workers move pipe bytes themselves (kernel-core io/fast-io.ts); this checks every place
  // that path meets the kernel's: a lost kick leaves the poller, or a parked reader or writer,
  // waiting for ever (the test then times out).
  it('worker-side transfers: PIPE_BUF records, stdio (readv/writev), kernel waiters, signals, O_NONBLOCK, F_SETPIPE_SZ, threads, a killed writer', async () => {
    const r = await kandelo(['run', program('pipe-fast')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'records: 300 300 300 300 whole, 0 torn, writers ok 1',
      'stdio stream: 50000 lines, 0 bad, writer ok 1',
      'poll: 1 POLLIN, read 1 z',
      'late data: 100',
      'full pipe: 65536 then 5000, reader ok 1',
      'empty read, SIGALRM: -1 Interrupted system call, handler ran 1',
      'SA_RESTART read: 3, handler ran 2',
      'read end made non-blocking: -1 Resource temporarily unavailable',
      'filled 65536, then non-blocking write: -1 Resource temporarily unavailable',
      'large non-blocking write with 32768 free: 32768',
      'blocking again, read: 65536',
      'grown to 1048576 mid-stream: wrote 60000 + 900000, read 960000 intact 1',
      'two threads: 2097152 + 2097152 bytes, 0 stray, writers ok 1',
      'killed writer: read 1048576 first, signal 9, then EOF after the rest',
      '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });
});
