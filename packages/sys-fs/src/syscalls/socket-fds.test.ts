import { describe, expect, it } from 'vitest';
import { E } from '@kandelo/kernel-core';
import { syscallCaller, testThread } from '@kandelo/kernel-core/testing';
import { socketFdSyscalls } from './socket-fds.js';

const sys = syscallCaller(socketFdSyscalls());
const AF_UNIX = 1;
const AF_INET = 2;
const SOCK_STREAM = 1;
const SOCK_CLOEXEC = 0o2000000;

describe('socket calls without an address family', () => {
  // musl's nscd client reads EAFNOSUPPORT as "no nscd"; with ENOSYS, getgrouplist always failed.
  it('socket and socketpair answer EAFNOSUPPORT for every family, as Linux for one it lacks', () => {
    const t = testThread();
    expect(sys(t, 'socket', AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)).toBe(-E.EAFNOSUPPORT.code);
    expect(sys(t, 'socket', AF_INET, SOCK_STREAM, 0)).toBe(-E.EAFNOSUPPORT.code);
    expect(sys(t, 'socketpair', AF_UNIX, SOCK_STREAM, 0, 4096)).toBe(-E.EAFNOSUPPORT.code);
  });

  it('the calls on a descriptor: EBADF for a closed one', () => {
    const t = testThread();
    expect(sys(t, 'connect', 99, 0, 0)).toBe(-E.EBADF.code);
  });
});
