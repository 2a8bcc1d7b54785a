/** A 64-bit content key over a module's bytes (two independent 32-bit FNV-1a lanes). */
export function contentKey(bytes: Uint8Array): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ bytes.length;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    h1 = Math.imul(h1 ^ b, 0x01000193);
    h2 = Math.imul(h2 ^ b, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}:${n}`;
}

/** Compiled modules by content, so a program started again (or forked, or exec'd) skips compilation. */
export class ModuleCache {
  private readonly cache = new Map<string, Promise<WebAssembly.Module>>();

  compile(bytes: Uint8Array): Promise<WebAssembly.Module> {
    const key = contentKey(bytes);
    let m = this.cache.get(key);
    if (!m) {
      m = WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
      m.catch(() => this.cache.delete(key));
      this.cache.set(key, m);
    }
    return m;
  }
}
