import { describe, expect, it } from 'vitest';
import { E, MAP, PROT, syscallNumber } from '@kandelo/kernel-core';
import { testThread } from '@kandelo/kernel-core/testing';
import { brkSyscalls } from './brk.js';
import { mmapSyscalls } from './mmap.js';

const table = Object.fromEntries([...brkSyscalls(), ...mmapSyscalls()].map((e) => [e.name, e.handler!]));
const call = (name: string, t: ReturnType<typeof testThread>, ...a: number[]) =>
  table[name]!(t, a[0] ?? 0, a[1] ?? 0, a[2] ?? 0, a[3] ?? 0, a[4] ?? 0, a[5] ?? 0);

function proc() {
  const t = testThread({ pages: 4 });
  t.process.mm.brkStart = t.process.mm.brk = 0x40000;
  t.process.mm.mmapBase = 0x100000;
  t.process.mm.highWater = 0x40000;
  return t;
}
const ANON = MAP.PRIVATE | MAP.ANONYMOUS;
const RW = PROT.READ | PROT.WRITE;

describe('mmap family', () => {
  it('places anonymous mappings first-fit above mmapBase and grows memory', () => {
    const t = proc();
    const a = call('mmap2', t, 0, 10000, RW, ANON, -1, 0);
    const b = call('mmap2', t, 0, 4096, RW, ANON, -1, 0);
    expect(a).toBe(0x100000);
    expect(b).toBe(0x100000 + 12288);
    expect(t.process.memory.byteLength).toBeGreaterThanOrEqual(b + 4096);
  });

  it('zeroes a reused range', () => {
    const t = proc();
    const a = call('mmap2', t, 0, 8192, RW, ANON, -1, 0);
    t.process.memory.bytes(a, 8192).fill(0xaa);
    expect(call('munmap', t, a, 8192)).toBe(0);
    const b = call('mmap2', t, 0, 8192, RW, ANON, -1, 0);
    expect(b).toBe(a);
    expect(t.process.memory.bytes(b, 8192).every((x) => x === 0)).toBe(true);
  });

  it('rejects bad arguments with the Linux errors', () => {
    const t = proc();
    expect(() => call('mmap2', t, 0, 0, RW, ANON, -1, 0)).toThrow(E.EINVAL as never);
    expect(() => call('mmap2', t, 0, 4096, RW, MAP.ANONYMOUS, -1, 0)).toThrow(E.EINVAL as never);
    expect(() => call('mmap2', t, 0, 4096, RW, MAP.PRIVATE, 77, 0)).toThrow(E.EBADF as never);
    expect(() => call('munmap', t, 0x100001, 4096)).toThrow(E.EINVAL as never);
    expect(() => call('mmap2', t, 0, 0x7fff_f000, RW, ANON, -1, 0)).toThrow(E.ENOMEM as never);
  });

  it('mremap grows in place when free, moves (keeping data) when not', () => {
    const t = proc();
    const a = call('mmap2', t, 0, 4096, RW, ANON, -1, 0);
    t.process.memory.setU32(a, 0xdeadbeef);
    expect(call('mremap', t, a, 4096, 8192, 0, 0)).toBe(a);
    const blocker = call('mmap2', t, 0, 4096, RW, ANON, -1, 0);
    expect(blocker).toBe(a + 8192);
    expect(() => call('mremap', t, a, 8192, 16384, 0, 0)).toThrow(E.ENOMEM as never);
    const moved = call('mremap', t, a, 8192, 16384, 1, 0);
    expect(moved).not.toBe(a);
    expect(t.process.memory.u32(moved)).toBe(0xdeadbeef);
  });

  it('brk grows, shrinks, and stops at the first mapping', () => {
    const t = proc();
    expect(call('brk', t, 0)).toBe(0x40000);
    expect(call('brk', t, 0x50000)).toBe(0x50000);
    expect(call('brk', t, 0x48000)).toBe(0x48000);
    // With no mapping in the way the break may pass mmapBase; mappings then go above it.
    expect(call('brk', t, 0x200000)).toBe(0x200000);
    const m = call('mmap2', t, 0, 4096, RW, ANON, -1, 0);
    expect(m).toBe(0x200000);
    expect(call('brk', t, 0x200000 + 8192)).toBe(0x200000);
    expect(syscallNumber('brk')).toBe(214);
  });
});
