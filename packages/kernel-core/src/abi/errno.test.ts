import { describe, expect, it } from 'vitest';
import { E, Errno, errnoByCode, errnoName } from './errno.js';

describe('errno sentinels', () => {
  it('carry Linux numbers', () => {
    expect(E.EPERM.code).toBe(1);
    expect(E.ENOENT.code).toBe(2);
    expect(E.EBADF.code).toBe(9);
    expect(E.ENOSYS.code).toBe(38);
    expect(E.EFAULT.code).toBe(14);
  });
  it('round-trip through the code table', () => {
    expect(errnoByCode(38)).toBe(E.ENOSYS);
    expect(errnoName(2)).toBe('ENOENT');
    expect(errnoName(4000)).toBe('E4000');
  });
  it('are not Error objects (no stack capture)', () => {
    expect(E.EIO).toBeInstanceOf(Errno);
    expect(E.EIO).not.toBeInstanceOf(Error);
  });
});
