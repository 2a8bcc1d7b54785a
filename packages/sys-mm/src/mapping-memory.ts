import { E, type Process } from '@kandelo/kernel-core';

/**
 * Makes [start, end) usable: grows linear memory to cover it and zeroes whatever part an earlier
 * mapping (or brk) may have dirtied. Memory above the high-water mark is still fresh and zero.
 */
export function provide(p: Process, start: number, end: number): void {
  if (end > p.mm.limit || !p.memory.ensure(end)) throw E.ENOMEM;
  const hw = p.mm.highWater;
  if (start < hw) p.memory.u8.fill(0, start, Math.min(end, hw));
  if (end > hw) p.mm.highWater = end;
}
