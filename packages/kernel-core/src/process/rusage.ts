import { RUSAGE32 } from '../abi/struct-layouts.js';
import type { ProcessMemory } from './process-memory.js';

/**
 * Fills a struct rusage (Linux's 32-bit layout, which musl converts). All metered CPU time is
 * reported as user time: workers run guest code, and the kernel's share is not split out.
 */
export function writeRusage(m: ProcessMemory, ptr: number, cpuNs: bigint, maxRssKb: number): void {
  m.bytes(ptr, RUSAGE32.size).fill(0);
  const us = cpuNs / 1000n;
  m.setI32(ptr + RUSAGE32.ru_utime_sec, Number(us / 1_000_000n));
  m.setI32(ptr + RUSAGE32.ru_utime_usec, Number(us % 1_000_000n));
  m.setI32(ptr + RUSAGE32.ru_maxrss, maxRssKb);
}

/** A process's memory footprint in KiB (its linear memory; 0 once it is gone). */
export const memoryKb = (p: { memory?: { u8: Uint8Array } }): number => (p.memory ? p.memory.u8.length >> 10 : 0);
