import type { Process } from '../process/process.js';

/**
 * A copy of a process's linear memory for its fork child. Only what can hold data is copied:
 * from the forking thread's stack pointer up to the break (below the stack pointer of a
 * stack-first image lies dead stack), then each mapping. When the fork comes from a thread
 * other than the main one, the main thread's stack is live too and everything below the
 * break is copied.
 */
export function copyMemoryForFork(p: Process, sp: number, fromMain: boolean): WebAssembly.Memory {
  const src = p.memory;
  src.refresh();
  const pages = src.byteLength / 65536;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: p.mm.maxPages, shared: true });
  const dst = new Uint8Array(memory.buffer);
  const low = fromMain ? Math.min(sp >>> 0, p.mm.brkStart) : 0;
  const brkTop = Math.min(Math.ceil(p.mm.brk / 65536) * 65536, src.byteLength);
  dst.set(src.u8.subarray(low, brkTop), low);
  for (const m of p.mm.maps) {
    if (m.start >= brkTop) dst.set(src.u8.subarray(m.start, Math.min(m.end, src.byteLength)), m.start);
    else if (m.end > brkTop) dst.set(src.u8.subarray(brkTop, Math.min(m.end, src.byteLength)), brkTop);
  }
  return memory;
}
