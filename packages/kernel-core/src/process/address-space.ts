import { E } from '../abi/errno.js';
import { PAGE_SIZE } from '../abi/constants.js';
import type { OpenFile } from '../fd/open-file.js';
import type { ProcessMemory } from './process-memory.js';

/** The file behind a MAP_SHARED mapping: written back on msync, munmap, exec and exit. */
export interface Backing {
  /** Holds a reference of its own (the fd may be closed right after mmap). */
  readonly file: OpenFile;
  /** File offset of the mapping's first byte. */
  readonly offset: number;
}

export interface Mapping {
  start: number;
  end: number;
  prot: number;
  flags: number;
  /** Free-form label for /proc/<pid>/maps ("[heap]", a path, ""). */
  name: string;
  backing?: Backing;
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
    for (const m of this.maps) {
      m.backing?.file.ref();
      a.maps.push({ ...m });
    }
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

  /**
   * Removes [start, end) from every mapping, splitting as needed. Shared file mappings are
   * written back first when `mem` is given (munmap; a MAP_FIXED remap over them).
   */
  remove(start: number, end: number, mem?: ProcessMemory): void {
    if (mem) this.writeBack(mem, start, end);
    const out: Mapping[] = [];
    for (const m of this.maps) {
      if (m.end <= start || m.start >= end) {
        out.push(m);
        continue;
      }
      const pieces: Mapping[] = [];
      if (m.start < start) pieces.push({ ...m, end: start });
      if (m.end > end) pieces.push({ ...m, start: end, backing: m.backing && { ...m.backing, offset: m.backing.offset + (end - m.start) } });
      if (m.backing) {
        if (pieces.length === 0) m.backing.file.unref();
        else if (pieces.length === 2) m.backing.file.ref();
      }
      out.push(...pieces);
    }
    this.maps.splice(0, this.maps.length, ...out);
  }

  /** Writes the shared file mappings overlapping [start, end) back to their files (msync). */
  writeBack(mem: ProcessMemory, start: number, end: number): void {
    for (const m of this.maps) {
      const b = m.backing;
      if (!b || m.end <= start || m.start >= end || !b.file.ops.write) continue;
      const from = Math.max(start, m.start);
      const pos = b.offset + (from - m.start);
      // Pages past the end of the file are not part of it (Linux would SIGBUS on them).
      const len = Math.min(Math.min(end, m.end) - from, b.file.ops.stat(b.file).size - pos);
      if (len <= 0) continue;
      const data = mem.bytes(from, len);
      for (let done = 0; done < len;) {
        const n = b.file.ops.write(b.file, undefined as never, data.subarray(done), pos + done);
        if (n <= 0) break;
        done += n;
      }
    }
  }

  /** At exec and exit: shared file mappings are written back and their files let go. */
  releaseAll(mem: ProcessMemory | undefined): void {
    for (const m of this.maps) {
      if (!m.backing) continue;
      try {
        if (mem) this.writeBack(mem, m.start, m.end);
      } catch {
        // A file that cannot take the data any more (a full or read-only fs): nothing to report to.
      }
      m.backing.file.unref();
      m.backing = undefined;
    }
  }

  find(addr: number): Mapping | undefined {
    return this.maps.find((m) => m.start <= addr && addr < m.end);
  }
}
