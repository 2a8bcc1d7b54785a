/**
 * FNV-1a 64 over byte ranges, fed incrementally. The 64-bit state is kept as two 32-bit halves
 * so the loop stays in plain number arithmetic (a BigInt per byte would be ~30x slower): the
 * prime 2^40 + 0x1b3 multiplies as (h * 0x1b3) + (h << 40), split into 16-bit limbs so every
 * intermediate product stays exact.
 */
export class Fnv64 {
  private hi = 0xcbf29ce4 | 0;
  private lo = 0x84222325 | 0;

  update(b: Uint8Array): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < b.length; i++) {
      lo ^= b[i]!;
      const t = (lo & 0xffff) * 0x1b3;
      const u = (lo >>> 16) * 0x1b3 + (t >>> 16);
      hi = (Math.imul(hi, 0x1b3) + (u >>> 16) + (lo << 8)) | 0;
      lo = ((u & 0xffff) << 16) | (t & 0xffff);
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  digest(): bigint {
    return (BigInt(this.hi >>> 0) << 32n) | BigInt(this.lo >>> 0);
  }
}

/** FNV-1a 64 of one byte range. */
export const fnv1a64 = (b: Uint8Array): bigint => new Fnv64().update(b).digest();
