import { describe, expect, it } from 'vitest';
import { type HostConsole, O, OpenFile, PARK, POLL, POLLFD, type Thread } from '@kandelo/kernel-core';
import { fakeClock, syscallCaller, testThread } from '@kandelo/kernel-core/testing';
import { ConsoleFiles } from '../files/console-file.js';
import { pollSyscalls } from './poll.js';
import { readWriteSyscalls } from './read-write.js';

const kernel = { clock: fakeClock, recheckPending: () => {} };
const sys = syscallCaller([...readWriteSyscalls(), ...pollSyscalls(kernel)]);

const PFD = 4096;
const TS = 8192;
const BUF = 65536;

function thread(): Thread & { wakes: number } {
  const box = { wakes: 0 };
  const t = testThread({ pages: 16, scheduler: { runAgain: () => void box.wakes++ } }) as Thread & { wakes: number };
  Object.defineProperty(t, 'wakes', { get: () => box.wakes });
  return t;
}

function pollfds(t: Thread, ...entries: [number, number][]): void {
  const m = t.process.memory;
  entries.forEach(([fd, events], i) => {
    m.setI32(PFD + i * POLLFD.size + POLLFD.fd, fd);
    m.setU16(PFD + i * POLLFD.size + POLLFD.events, events);
  });
}
const revents = (t: Thread, i: number): number => t.process.memory.u16(PFD + i * POLLFD.size + POLLFD.revents);
const ppoll = (t: Thread, n: number, tsp = 0) => sys(t, 'ppoll_time64', PFD, n, tsp, 0, 0);
const noWait = (t: Thread): number => {
  t.process.memory.setTimespecNs(TS, 0n);
  return TS;
};

describe('console readiness', () => {
  function fakeConsole(tty = false) {
    const host = { input: [] as number[], eof: false, again: 0, ready: [] as (() => void)[] };
    const con: HostConsole = {
      write: (_fd, d) => d.length,
      read: (out) => {
        if (host.input.length) {
          const n = Math.min(out.length, host.input.length);
          out.set(host.input.splice(0, n));
          return n;
        }
        if (host.eof) return 0;
        host.again++;
        return 'again';
      },
      onReady: (cb) => void host.ready.push(cb),
      isTerminal: () => tty,
      windowSize: () => undefined,
    };
    return { host, files: new ConsoleFiles(con) };
  }

  it('stdin: not ready while the host says again; woken by its onReady; the byte read ahead is not lost', () => {
    const { host, files } = fakeConsole();
    const t = thread();
    const fd = t.process.fds.alloc(new OpenFile(files.ops(0), O.RDONLY, '/dev/stdin'));
    pollfds(t, [fd, POLL.IN]);
    expect(ppoll(t, 1)).toBe(PARK);
    host.input.push(104, 105, 10);
    for (const cb of host.ready) cb();
    expect(t.wakes).toBe(1);
    expect(ppoll(t, 1)).toBe(1);
    expect(revents(t, 0)).toBe(POLL.IN);
    expect(ppoll(t, 1)).toBe(1); // still ready: the read-ahead byte is kept
    expect(sys(t, 'read', fd, BUF, 100)).toBe(3);
    expect([...t.process.memory.bytes(BUF, 3)]).toEqual([104, 105, 10]);
  });

  it('stdin at end of file: POLLHUP for a pipe, and the next read returns 0', () => {
    const { host, files } = fakeConsole();
    const t = thread();
    const fd = t.process.fds.alloc(new OpenFile(files.ops(0), O.RDONLY, '/dev/stdin'));
    host.eof = true;
    pollfds(t, [fd, POLL.IN]);
    expect(ppoll(t, 1, noWait(t))).toBe(1);
    expect(revents(t, 0)).toBe(POLL.HUP);
    expect(sys(t, 'read', fd, BUF, 10)).toBe(0);
  });

  it('stdout is writable', () => {
    const { files } = fakeConsole();
    const t = thread();
    const fd = t.process.fds.alloc(new OpenFile(files.ops(1), O.WRONLY, '/dev/stdout'));
    pollfds(t, [fd, POLL.OUT | POLL.IN]);
    expect(ppoll(t, 1, noWait(t))).toBe(1);
    expect(revents(t, 0)).toBe(POLL.OUT);
  });
});
