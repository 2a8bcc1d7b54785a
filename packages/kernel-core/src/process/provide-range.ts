import { E } from '../abi/errno.js';
import { pageAlign } from './address-space.js';
import type { Process } from './process.js';

/**
 * Makes [start, end) of a process's memory usable: grows linear memory to cover it and zeroes
 * whatever part an earlier mapping (or brk) may have dirtied. Memory above the high-water mark
 * is still fresh and zero.
 */
export function provideRange(p: Process, start: number, end: number): void {
  if (end > p.mm.limit || !p.memory.ensure(end)) throw E.ENOMEM;
  const hw = p.mm.highWater;
  if (start < hw) p.memory.u8.fill(0, start, Math.min(end, hw));
  if (end > hw) p.mm.highWater = end;
}

/** Maps `len` zeroed bytes for the kernel's own use in a process (a thread's channel, say). */
export function mapAnonymous(p: Process, len: number, name: string): number {
  const size = pageAlign(len);
  const start = p.mm.findFree(size);
  provideRange(p, start, start + size);
  p.mm.insert({ start, end: start + size, prot: 3, flags: 0x22, name });
  return start;
}
