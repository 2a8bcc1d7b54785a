import { describe, expect, it } from 'vitest';
import { E } from '../abi/errno.js';
import { ProcessMemory } from './process-memory.js';

const mem = () => new ProcessMemory(new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true }));

describe('ProcessMemory', () => {
  it('round-trips a timespec in nanoseconds and rejects malformed ones', () => {
    const m = mem();
    m.setTimespecNs(64, 5_250_000_123n);
    expect(m.i64(64)).toBe(5n);
    expect(m.i32at(72)).toBe(250_000_123);
    expect(m.timespecNs(64)).toBe(5_250_000_123n);
    m.setI32(72, 1_000_000_000);
    expect(() => m.timespecNs(64)).toThrow(E.EINVAL as never);
    m.setI64(64, -1n);
    m.setI32(72, 0);
    expect(() => m.timespecNs(64)).toThrow(E.EINVAL as never);
  });

  it('gives EFAULT beyond the memory, never a RangeError', () => {
    const m = mem();
    expect(() => m.bytes(65530, 16)).toThrow(E.EFAULT as never);
    expect(() => m.timespecNs(0xfffffff0)).toThrow(E.EFAULT as never);
    expect(() => m.cstring(65536)).toThrow(E.EFAULT as never);
  });
});
