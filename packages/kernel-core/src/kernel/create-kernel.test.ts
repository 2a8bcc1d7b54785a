import { describe, expect, it } from 'vitest';
import { E } from '../abi/errno.js';
import { syscallNumber } from '../abi/syscalls.js';
import { full } from '../plugin/syscall-entry.js';
import { TOKENS } from '../plugin/tokens.js';
import { fakeHostContainer } from '../testing/fake-host.js';
import { testThread } from '../testing/test-thread.js';
import { createKernel } from './create-kernel.js';

describe('createKernel', () => {
  it('composes subsystems through their registrars', () => {
    const { c } = fakeHostContainer();
    const kernel = createKernel({
      container: c,
      subsystems: [(k) => k.register(TOKENS.Subsystem, { useValue: { name: 'clock', syscalls: [full('clock_gettime64', () => 0)] } })],
    });
    expect(kernel.syscalls.dispatch(testThread(), syscallNumber('clock_gettime64')!, 0, 0, 0, 0, 0, 0)).toBe(0);
  });

  it('answers a left-out subsystem\'s syscalls with ENOSYS', () => {
    const { c } = fakeHostContainer();
    const kernel = createKernel({
      container: c,
      subsystems: [(k) => k.register(TOKENS.Subsystem, { useValue: { name: 'ids', syscalls: [full('getpid', (t) => t.process.pid)] } })],
    });
    const t = testThread();
    expect(kernel.syscalls.dispatch(t, syscallNumber('getpid')!, 0, 0, 0, 0, 0, 0)).toBe(42);
    expect(kernel.syscalls.dispatch(t, syscallNumber('clock_gettime64')!, 0, 0, 0, 0, 0, 0)).toBe(-E.ENOSYS.code);
    expect(kernel.syscalls.dispatch(t, syscallNumber('openat')!, 0, 0, 0, 0, 0, 0)).toBe(-E.ENOSYS.code);
  });

  it('builds an empty kernel that answers everything with ENOSYS', () => {
    const { c } = fakeHostContainer();
    const kernel = createKernel({ container: c, subsystems: [] });
    expect(kernel.syscalls.dispatch(testThread(), syscallNumber('getpid')!, 0, 0, 0, 0, 0, 0)).toBe(-E.ENOSYS.code);
  });
});
