import { type ImageSpec, inspectImage } from './image-loader.js';
import type { ModuleInfo } from '../abi/module-info.js';

/**
 * A 64-bit content key over a module's bytes: two independent 32-bit multiplicative lanes, fed a
 * 32-bit word at a time (four times fewer steps than bytewise; a binary of some MB takes ~1 ms).
 */
export function bytesKey(bytes: Uint8Array): string {
  const n = bytes.length;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ n;
  // Word access needs 4-byte alignment: an unaligned view is hashed from an aligned copy.
  const src = (bytes.byteOffset & 3) === 0 ? bytes : bytes.slice();
  const words = new Int32Array(src.buffer, src.byteOffset, n >>> 2);
  for (let w = 0; w < words.length; w++) {
    const v = words[w]!;
    h1 = Math.imul(h1 ^ v, 0x01000193);
    h2 = Math.imul(h2 ^ v, 0x5bd1e995) ^ (h2 >>> 15);
  }
  for (let i = words.length << 2; i < n; i++) {
    const b = bytes[i]!;
    h1 = Math.imul(h1 ^ b, 0x01000193);
    h2 = Math.imul(h2 ^ b, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}:${n}`;
}

/** What a program's binary gives once checked and compiled. */
export interface CheckedProgram {
  readonly info: ModuleInfo & { heapBase: number };
  readonly module: WebAssembly.Module;
}

/** File identities remembered (ImageSpec.key): enough for every program of a session. */
const MAX_FILES = 512;

/**
 * Checked and compiled programs, so a program started again (or forked, or exec'd) skips
 * compilation: by content, and by file identity when the spec has a key, so that running the
 * same file again does not even read and hash its bytes (a few ms for a binary of some MB, which
 * every exec of coreutils paid).
 */
export class ModuleCache {
  private readonly byContent = new Map<string, Promise<WebAssembly.Module>>();
  private readonly byFile = new Map<string, Promise<CheckedProgram>>();

  compile(bytes: Uint8Array): Promise<WebAssembly.Module> {
    const key = bytesKey(bytes);
    let m = this.byContent.get(key);
    if (!m) {
      m = WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
      m.catch(() => this.byContent.delete(key));
      this.byContent.set(key, m);
    }
    return m;
  }

  /** Checks (inspectImage: throws ForeignModuleError) and compiles the program of `spec`. */
  load(spec: ImageSpec): Promise<CheckedProgram> {
    const file = spec.key;
    const known = file === undefined ? undefined : this.byFile.get(file);
    if (known) return known;
    // Read, checked and hashed now, in the caller's step: the file cannot change meanwhile.
    const bytes = typeof spec.bytes === 'function' ? spec.bytes() : spec.bytes;
    let checked: Promise<CheckedProgram>;
    try {
      const info = inspectImage(spec.path, bytes);
      checked = this.compile(bytes).then((module) => ({ info, module }));
    } catch (err) {
      checked = Promise.reject(err);
    }
    if (file !== undefined) {
      if (this.byFile.size >= MAX_FILES) this.byFile.delete(this.byFile.keys().next().value!);
      this.byFile.set(file, checked);
      checked.catch(() => this.byFile.delete(file));
    }
    return checked;
  }
}
