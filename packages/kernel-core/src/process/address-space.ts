import { E } from '../abi/errno.js';
import { PAGE_SIZE } from '../abi/constants.js';

export interface Mapping {
  start: number;
  end: number;
  prot: number;
  flags: number;
  /** Free-form label for /proc/<pid>/maps ("[heap]", a path, ""). */
  name: string;
}

export const pageAlign = (n: number): number => Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;

/**
 * The layout of a process's linear memory: [0, stackTop) stack (stack-first link), static data up
 * to heapBase, the start area (channel, argv block), the brk heap from brkStart, and anonymous
 * mappings placed first-fit from mmapBase upward. Linear memory only grows, so every address is
 * below memory.buffer.byteLength once mapped; freed ranges are reused and zeroed when remapped.
 */
export class AddressSpace {
  brkStart = 0;
  brk = 0;
  /** Lowest address for mmap placement; brk may not grow past the first mapping. */
  mmapBase = 0;
  /** Sorted, non-overlapping. */
  readonly maps: Mapping[] = [];
  /** Highest address ever handed out: memory above it is still zero. */
  highWater = 0;
  /** The module's maximum memory in 64 KiB pages (a forked copy is created with the same). */
  maxPages = 65536;

  constructor(readonly limit: number) {}

  clone(): AddressSpace {
    const a = new AddressSpace(this.limit);
    a.brkStart = this.brkStart;
    a.brk = this.brk;
    a.mmapBase = this.mmapBase;
    a.highWater = this.highWater;
    a.maxPages = this.maxPages;
    for (const m of this.maps) a.maps.push({ ...m });
    return a;
  }

  /** Lowest start of a mapping at or above `addr`, or the limit. */
  nextMappingStart(addr: number): number {
    for (const m of this.maps) if (m.end > addr) return Math.max(m.start, addr);
    return this.limit;
  }

  /** First-fit placement of `len` bytes (page-aligned) at or above mmapBase and the break. */
  findFree(len: number, hint = 0): number {
    // A break that grew past mmapBase owns everything below it.
    let at = Math.max(this.mmapBase, pageAlign(this.brk), pageAlign(hint));
    for (const m of this.maps) {
      if (m.end <= at) continue;
      if (m.start >= at + len) break;
      at = m.end;
    }
    if (at + len > this.limit) throw E.ENOMEM;
    return at;
  }

  isFree(start: number, end: number): boolean {
    return this.maps.every((m) => m.end <= start || m.start >= end);
  }

  insert(m: Mapping): void {
    let i = 0;
    while (i < this.maps.length && this.maps[i]!.start < m.start) i++;
    this.maps.splice(i, 0, m);
    if (m.end > this.highWater) this.highWater = m.end;
  }

  /** Removes [start, end) from every mapping, splitting as needed. */
  remove(start: number, end: number): void {
    const out: Mapping[] = [];
    for (const m of this.maps) {
      if (m.end <= start || m.start >= end) {
        out.push(m);
        continue;
      }
      if (m.start < start) out.push({ ...m, end: start });
      if (m.end > end) out.push({ ...m, start: end });
    }
    this.maps.splice(0, this.maps.length, ...out);
  }

  find(addr: number): Mapping | undefined {
    return this.maps.find((m) => m.start <= addr && addr < m.end);
  }
}
