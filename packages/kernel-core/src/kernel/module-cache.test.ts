import { describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { ForeignModuleError, type ImageSpec } from './image-loader.js';
import { bytesKey, ModuleCache } from './module-cache.js';

/** A module the kernel accepts: our ABI exports, a shared memory, __heap_base = `heap`. */
async function program(heap: number): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const features = { threads: true };
  const m = wabt.parseWat('t.wat', `(module
    (import "env" "memory" (memory 1 16 shared))
    (func (export "__kandelo_abi") (result i32) (i32.const 1))
    (func (export "__kandelo_start") (param i32 i32))
    (global (export "__heap_base") i32 (i32.const ${heap})))`, features);
  m.validate(features);
  const { buffer } = m.toBinary({});
  m.destroy();
  return buffer;
}

/** A spec whose bytes are read lazily, counting the reads. */
function lazy(bytes: Uint8Array, key?: string): { spec: ImageSpec; reads: () => number } {
  let reads = 0;
  const spec: ImageSpec = { bytes: () => (reads++, bytes), key, path: '/bin/p', argv: ['p'], envp: [] };
  return { spec, reads: () => reads };
}

describe('ModuleCache', () => {
  it('knows a file by its key: the same file is not read again, a changed one is', async () => {
    const cache = new ModuleCache();
    const a = await program(4096);
    const first = lazy(a, 'dev:1:size:t1');
    const p1 = await cache.load(first.spec);
    expect(first.reads()).toBe(1);
    expect(p1.info.heapBase).toBe(4096);

    const again = lazy(a, 'dev:1:size:t1');
    const p2 = await cache.load(again.spec);
    expect(again.reads()).toBe(0);
    expect(p2.module).toBe(p1.module);

    // The file was rewritten (its key changed): read, checked and compiled anew.
    const changed = lazy(await program(8192), 'dev:1:size:t2');
    const p3 = await cache.load(changed.spec);
    expect(changed.reads()).toBe(1);
    expect(p3.info.heapBase).toBe(8192);
    expect(p3.module).not.toBe(p1.module);
  });

  it('shares one compiled module between files with the same content', async () => {
    const cache = new ModuleCache();
    const bytes = await program(4096);
    const x = await cache.load(lazy(bytes, 'a').spec);
    const y = await cache.load({ bytes, path: '/bin/q', argv: [], envp: [] });
    expect(y.module).toBe(x.module);
  });

  it('rejects a foreign module, and does not remember the failure', async () => {
    const cache = new ModuleCache();
    const junk = lazy(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), 'k');
    await expect(cache.load(junk.spec)).rejects.toBeInstanceOf(ForeignModuleError);
    // Let the failed entry go, then try again: read again.
    await new Promise((r) => setTimeout(r, 0));
    await expect(cache.load(junk.spec)).rejects.toBeInstanceOf(ForeignModuleError);
    expect(junk.reads()).toBe(2);
  });
});

describe('bytesKey', () => {
  it('differs for a one-byte change anywhere, aligned or not, and for the length', () => {
    const a = new Uint8Array(1027).map((_, i) => (i * 31) & 0xff);
    const keys = new Set([bytesKey(a)]);
    for (const at of [0, 3, 512, 1024, 1026]) {
      const b = a.slice();
      b[at] ^= 1;
      keys.add(bytesKey(b));
    }
    keys.add(bytesKey(a.subarray(0, 1026)));
    expect(keys.size).toBe(7);
    // The same bytes at an unaligned offset give the same key.
    const shifted = new Uint8Array(a.length + 1);
    shifted.set(a, 1);
    expect(bytesKey(shifted.subarray(1))).toBe(bytesKey(a));
  });
});
