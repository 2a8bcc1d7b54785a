import { E } from '../abi/errno.js';
import { PATH_MAX, WASM_PAGE } from '../abi/constants.js';
import { TIMESPEC } from '../abi/struct-layouts.js';

const NS = 1_000_000_000n;

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const strict = new TextDecoder('utf-8', { fatal: true });

/** Length of the valid UTF-8 sequence at b[i], or 0 when the byte there starts none. */
function utf8Length(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const ok = c === 0xe0 ? cont(1, 0xa0) : c === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const ok = c === 0xf0 ? cont(1, 0x90) : c === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Bytes as a string without loss (argv and envp hold any bytes, not only UTF-8): valid UTF-8
 * decodes as usual, every other byte b becomes the lone surrogate U+DC00+b (which no valid
 * UTF-8 decodes to), as Python's surrogateescape does. encodeLossless gives the bytes back.
 * `b` must not be a shared-memory view (TextDecoder rejects those).
 */
export function decodeLossless(b: Uint8Array): string {
  try {
    return strict.decode(b);
  } catch {
    // Not all UTF-8: escape the bytes of the invalid sequences one by one.
  }
  let out = '';
  let run = 0;
  for (let i = 0; i < b.length; ) {
    const n = utf8Length(b, i);
    if (n) {
      i += n;
      continue;
    }
    out += decoder.decode(b.subarray(run, i)) + String.fromCharCode(0xdc00 + b[i]!);
    run = ++i;
  }
  return out + decoder.decode(b.subarray(run));
}

/** A lone low surrogate U+DC80..U+DCFF: an escaped byte (a paired one is part of a character). */
const ESCAPED = /(?<![\ud800-\udbff])[\udc80-\udcff]/g;

/** The bytes decodeLossless read: UTF-8, with each escaped byte back as itself. */
export function encodeLossless(s: string): Uint8Array {
  if (s.search(ESCAPED) < 0) return encoder.encode(s);
  const parts: Uint8Array[] = [];
  let run = 0;
  for (const m of s.matchAll(ESCAPED)) {
    parts.push(encoder.encode(s.slice(run, m.index)), Uint8Array.of(s.charCodeAt(m.index) - 0xdc00));
    run = m.index + 1;
  }
  parts.push(encoder.encode(s.slice(run)));
  const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
  let at = 0;
  for (const x of parts) {
    out.set(x, at);
    at += x.length;
  }
  return out;
}

/**
 * The kernel's direct view of a process's shared linear memory. Handlers read arguments and
 * write results in place (no scratch copies). Views are refreshed lazily after memory.grow,
 * which any agent may perform; an address beyond the memory after refresh is EFAULT.
 */
export class ProcessMemory {
  u8!: Uint8Array;
  i32!: Int32Array;
  dv!: DataView;

  constructor(readonly memory: WebAssembly.Memory) {
    this.refresh();
  }

  refresh(): void {
    const buf = this.memory.buffer;
    this.u8 = new Uint8Array(buf);
    this.i32 = new Int32Array(buf);
    this.dv = new DataView(buf);
  }

  get byteLength(): number {
    return this.u8.length;
  }

  /** Throws EFAULT unless [ptr, ptr+len) lies inside the memory. ptr is taken as unsigned. */
  check(ptr: number, len: number): number {
    const p = ptr >>> 0;
    if (p + len > this.u8.length) {
      this.refresh();
      if (p + len > this.u8.length || len < 0) throw E.EFAULT;
    }
    return p;
  }

  /** A live view of [ptr, ptr+len) (not a copy). */
  bytes(ptr: number, len: number): Uint8Array {
    const p = this.check(ptr, len);
    return this.u8.subarray(p, p + len);
  }

  u32(ptr: number): number {
    return this.dv.getUint32(this.check(ptr, 4), true);
  }
  i32at(ptr: number): number {
    return this.dv.getInt32(this.check(ptr, 4), true);
  }
  u16(ptr: number): number {
    return this.dv.getUint16(this.check(ptr, 2), true);
  }
  i64(ptr: number): bigint {
    return this.dv.getBigInt64(this.check(ptr, 8), true);
  }
  /** A 64-bit value as a JS number (exact below 2^53). */
  i64n(ptr: number): number {
    const p = this.check(ptr, 8);
    return this.dv.getUint32(p, true) + this.dv.getInt32(p + 4, true) * 0x1_0000_0000;
  }

  setU8(ptr: number, v: number): void {
    this.u8[this.check(ptr, 1)] = v;
  }
  setU16(ptr: number, v: number): void {
    this.dv.setUint16(this.check(ptr, 2), v, true);
  }
  setU32(ptr: number, v: number): void {
    this.dv.setUint32(this.check(ptr, 4), v >>> 0, true);
  }
  setI32(ptr: number, v: number): void {
    this.dv.setInt32(this.check(ptr, 4), v | 0, true);
  }
  /** Stores a 64-bit integer given as a number (exact below 2^53) or bigint. */
  setI64(ptr: number, v: number | bigint): void {
    const p = this.check(ptr, 8);
    if (typeof v === 'bigint') {
      this.dv.setBigInt64(p, v, true);
    } else {
      this.dv.setUint32(p, v >>> 0, true);
      this.dv.setInt32(p + 4, Math.floor(v / 0x1_0000_0000), true);
    }
  }

  /** A struct timespec as nanoseconds; EINVAL when negative or tv_nsec is out of range. */
  timespecNs(ptr: number): bigint {
    const sec = this.i64(ptr + TIMESPEC.tv_sec);
    const nsec = this.i32at(ptr + TIMESPEC.tv_nsec);
    if (sec < 0n || nsec < 0 || nsec >= 1e9) throw E.EINVAL;
    return sec * NS + BigInt(nsec);
  }

  /** Stores nanoseconds as a struct timespec (tv_nsec's padding word zeroed). */
  setTimespecNs(ptr: number, ns: bigint): void {
    this.setI64(ptr + TIMESPEC.tv_sec, ns / NS);
    this.setI64(ptr + TIMESPEC.tv_nsec, ns % NS);
  }

  /** Reads a NUL-terminated string of at most `max` bytes; ENAMETOOLONG when longer. */
  cstring(ptr: number, max = PATH_MAX, decode = (b: Uint8Array) => decoder.decode(b)): string {
    const p = this.check(ptr, 1);
    const u8 = this.u8;
    const limit = Math.min(u8.length, p + max);
    let end = p;
    while (end < limit && u8[end] !== 0) end++;
    if (end === limit) {
      if (limit === u8.length) throw E.EFAULT;
      throw E.ENAMETOOLONG;
    }
    // TextDecoder rejects shared-memory views: decode a copy.
    return decode(u8.slice(p, end));
  }

  /** Reads a NULL-terminated array of string pointers (argv/envp), any bytes kept (decodeLossless). */
  cstringArray(ptr: number, maxTotal = 2 * 1024 * 1024): string[] {
    const out: string[] = [];
    if (ptr === 0) return out;
    let total = 0;
    for (let i = 0; ; i++) {
      const sp = this.u32(ptr + i * 4);
      if (sp === 0) return out;
      const s = this.cstring(sp, maxTotal, decodeLossless);
      total += s.length + 5;
      if (total > maxTotal) throw E.E2BIG;
      out.push(s);
    }
  }

  /** Writes bytes; returns the count. */
  write(ptr: number, data: Uint8Array): number {
    const p = this.check(ptr, data.length);
    this.u8.set(data, p);
    return data.length;
  }

  /** Writes a string plus NUL, truncated to `cap` bytes including the NUL; returns bytes written. */
  writeCString(ptr: number, s: string, cap: number): number {
    const b = encoder.encode(s);
    const n = Math.min(b.length, cap - 1);
    const p = this.check(ptr, n + 1);
    this.u8.set(n === b.length ? b : b.subarray(0, n), p);
    this.u8[p + n] = 0;
    return n + 1;
  }

  /** Grows the memory to at least `bytes`; false when the maximum forbids it. */
  ensure(bytes: number): boolean {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return true;
    try {
      this.memory.grow(Math.ceil((bytes - have) / WASM_PAGE));
    } catch {
      return false;
    }
    this.refresh();
    return true;
  }
}

export const textEncoder = encoder;
