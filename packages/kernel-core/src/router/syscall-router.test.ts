import { describe, expect, it } from 'vitest';
import { E } from '../abi/errno.js';
import { syscallNumber } from '../abi/syscalls.js';
import { full, unimplemented } from '../plugin/syscall-entry.js';
import { FakeLog } from '../testing/fake-host.js';
import { testThread } from '../testing/test-thread.js';
import { SyscallRouter } from './syscall-router.js';

const nr = (name: string) => syscallNumber(name)!;

describe('SyscallRouter', () => {
  it('routes a claimed syscall to its handler with decoded arguments', () => {
    const r = new SyscallRouter([{ name: 'a', syscalls: [full('getpid', (t, x, y) => t.process.pid + x + y)] }], new FakeLog());
    expect(r.dispatch(testThread(), nr('getpid'), 1, 2, 0, 0, 0, 0)).toBe(45);
  });

  it('rejects a syscall claimed by two subsystems', () => {
    const a = { name: 'a', syscalls: [full('getpid', () => 1)] };
    const b = { name: 'b', syscalls: [full('getpid', () => 2)] };
    expect(() => new SyscallRouter([a, b], new FakeLog())).toThrow(/claimed by both a and b/);
  });

  it('rejects names that are not in the ABI and handler-less supported entries', () => {
    expect(() => new SyscallRouter([{ name: 'a', syscalls: [full('frobnicate', () => 0)] }], new FakeLog())).toThrow(/not in the ABI/);
    expect(() => new SyscallRouter([{ name: 'a', syscalls: [{ name: 'getpid', support: 'full' }] }], new FakeLog())).toThrow(/no handler/);
  });

  it('answers ENOSYS for unclaimed, unimplemented and out-of-range numbers', () => {
    const r = new SyscallRouter([{ name: 'a', syscalls: [unimplemented('inotify_init1', 'later')] }], new FakeLog());
    const t = testThread();
    expect(r.dispatch(t, nr('getpid'), 0, 0, 0, 0, 0, 0)).toBe(-E.ENOSYS.code);
    expect(r.dispatch(t, nr('inotify_init1'), 0, 0, 0, 0, 0, 0)).toBe(-E.ENOSYS.code);
    expect(r.dispatch(t, 99999, 0, 0, 0, 0, 0, 0)).toBe(-E.ENOSYS.code);
    expect(r.dispatch(t, -5, 0, 0, 0, 0, 0, 0)).toBe(-E.ENOSYS.code);
  });

  it('converts errno sentinels to -errno', () => {
    const r = new SyscallRouter([{ name: 'a', syscalls: [full('close', () => { throw E.EBADF; })] }], new FakeLog());
    expect(r.dispatch(testThread(), nr('close'), 0, 0, 0, 0, 0, 0)).toBe(-9);
  });

  it('turns a non-errno exception into EIO, logs it, and keeps serving', () => {
    const log = new FakeLog();
    const r = new SyscallRouter([{ name: 'a', syscalls: [
      full('close', () => { throw new TypeError('kernel bug'); }),
      full('getpid', (t) => t.process.pid),
    ] }], log);
    const t = testThread();
    expect(r.dispatch(t, nr('close'), 0, 0, 0, 0, 0, 0)).toBe(-E.EIO.code);
    expect(log.errors).toHaveLength(1);
    expect(String(log.errors[0]![0])).toMatch(/kernel bug in close/);
    expect(r.dispatch(t, nr('getpid'), 0, 0, 0, 0, 0, 0)).toBe(42);
  });

  it('reports every ABI syscall with its owner and support level', () => {
    const r = new SyscallRouter([{ name: 'a', syscalls: [full('getpid', () => 0), unimplemented('inotify_init1', 'later')] }], new FakeLog());
    const rows = r.report();
    expect(rows.find((x) => x.name === 'getpid')).toMatchObject({ owner: 'a', support: 'full' });
    expect(rows.find((x) => x.name === 'inotify_init1')).toMatchObject({ owner: 'a', support: 'unimplemented', note: 'later' });
    expect(rows.find((x) => x.name === 'read')).toMatchObject({ owner: undefined, support: 'missing' });
  });
});
