import { type AddressSpace, MAP, pageAlign, type Process, PROT } from '@kandelo/kernel-core';

/**
 * Where the name column starts in a maps line: Linux pads to 25 + 6 * sizeof(void *) - 1
 * columns, 48 on this 32-bit ABI (show_map_vma's seq_setwidth).
 */
const NAME_COLUMN = 25 + 6 * 4 - 1;

export interface MapsLine {
  readonly start: number;
  readonly end: number;
  readonly prot: number;
  readonly shared: boolean;
  readonly name: string;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** One line in Linux's format: `start-end perms offset dev inode` then the padded name. */
export function formatMapsLine(m: MapsLine): string {
  const perms = `${m.prot & PROT.READ ? 'r' : '-'}${m.prot & PROT.WRITE ? 'w' : '-'}${m.prot & PROT.EXEC ? 'x' : '-'}${m.shared ? 's' : 'p'}`;
  // Offsets, devices and inodes of file mappings are not recorded; they read as anonymous ones.
  const head = `${hex8(m.start)}-${hex8(m.end)} ${perms} 00000000 00:00 0 `;
  return m.name ? `${head.padEnd(NAME_COLUMN)} ${m.name}\n` : `${head}\n`;
}

/**
 * The regions of a process's linear memory, lowest first: the image (stack, static data and the
 * start area, from address 0 to the start of brk, named after the executable), the brk heap
 * while it is non-empty, then every mapping the address space records (mmap, thread channels).
 */
export function mapsLines(p: Process): MapsLine[] {
  const mm = p.mm as AddressSpace | undefined;
  if (p.zombie || !mm) return [];
  const rw = PROT.READ | PROT.WRITE;
  const out: MapsLine[] = [];
  if (mm.brkStart > 0) out.push({ start: 0, end: mm.brkStart, prot: rw, shared: false, name: p.exe });
  if (mm.brk > mm.brkStart) out.push({ start: mm.brkStart, end: pageAlign(mm.brk), prot: rw, shared: false, name: '[heap]' });
  for (const m of mm.maps) {
    out.push({ start: m.start, end: m.end, prot: m.prot, shared: (m.flags & MAP.TYPE) === MAP.SHARED, name: m.name });
  }
  return out;
}

/** /proc/<pid>/maps. */
export const pidMaps = (p: Process): string => mapsLines(p).map(formatMapsLine).join('');
