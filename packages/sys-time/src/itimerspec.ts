import type { ProcessMemory } from '@kandelo/kernel-core';

/** struct itimerspec with 64-bit time: it_interval then it_value, two 16-byte timespecs. */
export const ITIMERSPEC = { interval: 0, value: 16 } as const;

export function readItimerspec(m: ProcessMemory, ptr: number): { interval: bigint; value: bigint } {
  return { interval: m.timespecNs(ptr + ITIMERSPEC.interval), value: m.timespecNs(ptr + ITIMERSPEC.value) };
}

/**
 * Writes a timer's period and time left. An armed timer never reads as 0 left (that would mean
 * disarmed): a deadline already due reads as 1 ns.
 */
export function writeItimerspec(m: ProcessMemory, ptr: number, interval: bigint, left: bigint | undefined): void {
  m.setTimespecNs(ptr + ITIMERSPEC.interval, interval);
  m.setTimespecNs(ptr + ITIMERSPEC.value, left === undefined ? 0n : left > 0n ? left : 1n);
}
