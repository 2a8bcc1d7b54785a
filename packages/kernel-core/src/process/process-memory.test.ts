import { describe, expect, it } from 'vitest';
import { E } from '../abi/errno.js';
import { decodeLossless, encodeLossless, ProcessMemory } from './process-memory.js';

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

  it('reads argv strings without loss: non-UTF-8 bytes come back as they were', () => {
    const m = mem();
    const bytes = [0x9b, 0xfd, 0x5c, 0x80, 0x20, 0xc3, 0xa9, 0x20, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0xf0, 0x9f];
    m.write(100, Uint8Array.from([...bytes, 0]));
    m.write(200, Uint8Array.from([0x61, 0]));
    m.setU32(300, 100);
    m.setU32(304, 200);
    m.setU32(308, 0);
    const [a, b] = m.cstringArray(300);
    expect([...encodeLossless(a!)]).toEqual(bytes);
    expect(a!.includes(' \u00e9 ') && a!.includes('\u{1f600}')).toBe(true); // valid UTF-8 decodes as usual
    expect(b).toBe('a');
  });

  it('decodeLossless and encodeLossless round-trip every byte and leave UTF-8 as it is', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect([...encodeLossless(decodeLossless(all))]).toEqual([...all]);
    for (const s of ['', 'plain', 'caf\u00e9 \u{1f600}', '\ud83d\udc80']) {
      expect(decodeLossless(new TextEncoder().encode(s))).toBe(s);
      expect(encodeLossless(s)).toEqual(new TextEncoder().encode(s));
    }
    // Overlong forms and code points past U+10FFFF are invalid: each byte escaped.
    for (const b of [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80]]) {
      const s = decodeLossless(Uint8Array.from(b));
      expect(s.length).toBe(b.length);
      expect([...encodeLossless(s)]).toEqual(b);
    }
  });
});
