import {
  E, full, MAP, MREMAP, O, PAGE_SIZE, pageAlign, partial, PROT, type Process, provideRange, type SyscallEntry, type Thread,
} from '@kandelo/kernel-core';


const aligned = (a: number): boolean => (a & (PAGE_SIZE - 1)) === 0;

function fillFromFile(t: Thread, addr: number, len: number, fd: number, offset: number): void {
  const f = t.process.fds.get(fd);
  if (!f.ops.read) throw E.EACCES;
  const out = t.process.memory.bytes(addr, len);
  let done = 0;
  while (done < len) {
    const n = f.ops.read(f, t, out.subarray(done), offset + done);
    if (n <= 0) break;
    done += n;
  }
}

function mmap(t: Thread, addr: number, len: number, prot: number, flags: number, fd: number, pgoff: number): number {
  const p: Process = t.process;
  addr >>>= 0;
  len >>>= 0;
  const type = flags & MAP.TYPE;
  if (len === 0 || (type !== MAP.PRIVATE && type !== MAP.SHARED)) throw E.EINVAL;
  const size = pageAlign(len);
  if (size === 0 || size > p.mm.limit) throw E.ENOMEM;
  const anon = (flags & MAP.ANONYMOUS) !== 0;
  const file = anon ? undefined : p.fds.get(fd);
  if (file) {
    if ((file.flags & O.ACCMODE) === O.WRONLY || file.flags & O.PATH) throw E.EACCES;
    if (!file.ops.seekable) throw E.ENODEV;
    if (type === MAP.SHARED && prot & PROT.WRITE && (file.flags & O.ACCMODE) !== O.RDWR) throw E.EACCES;
  }
  let start: number;
  if (flags & (MAP.FIXED | MAP.FIXED_NOREPLACE)) {
    if (!aligned(addr)) throw E.EINVAL;
    if (addr < p.mm.brkStart) throw E.ENOMEM;
    if (flags & MAP.FIXED_NOREPLACE && !p.mm.isFree(addr, addr + size)) throw E.EEXIST;
    start = addr;
    p.mm.remove(start, start + size, p.memory);
  } else {
    start = p.mm.findFree(size, addr);
  }
  provideRange(p, start, start + size);
  if (file) fillFromFile(t, start, len, fd, pgoff * PAGE_SIZE);
  const backing = file && type === MAP.SHARED ? { file: file.ref(), offset: pgoff * PAGE_SIZE } : undefined;
  p.mm.insert({ start, end: start + size, prot, flags, name: file ? file.path : '', backing });
  return start;
}

function munmap(t: Thread, addr: number, len: number): number {
  addr >>>= 0;
  len >>>= 0;
  if (!aligned(addr) || len === 0) throw E.EINVAL;
  t.process.mm.remove(addr, addr + pageAlign(len), t.process.memory);
  return 0;
}

const MS = { ASYNC: 1, INVALIDATE: 2, SYNC: 4 } as const;

/** msync: shared file mappings in the range go back to their files (ENOMEM for unmapped holes). */
function msync(t: Thread, addr: number, len: number, flags: number): number {
  addr >>>= 0;
  if (!aligned(addr) || flags & ~(MS.ASYNC | MS.INVALIDATE | MS.SYNC) || (flags & MS.ASYNC && flags & MS.SYNC)) throw E.EINVAL;
  const end = addr + pageAlign(len >>> 0);
  const mm = t.process.mm;
  for (let at = addr; at < end;) {
    const m = mm.find(at);
    if (!m) throw E.ENOMEM;
    at = m.end;
  }
  mm.writeBack(t.process.memory, addr, end);
  return 0;
}

function mremap(t: Thread, old: number, oldLen: number, newLen: number, flags: number, newAddr: number): number {
  const p = t.process;
  const mm = p.mm;
  old >>>= 0;
  const oldSize = pageAlign(oldLen >>> 0);
  const newSize = pageAlign(newLen >>> 0);
  if (!aligned(old) || newSize === 0 || flags & ~(MREMAP.MAYMOVE | MREMAP.FIXED)) throw E.EINVAL;
  const m = mm.find(old);
  if (!m || old + oldSize > m.end) throw E.EFAULT;
  if (flags & MREMAP.FIXED) {
    if (!(flags & MREMAP.MAYMOVE) || !aligned(newAddr >>> 0)) throw E.EINVAL;
  }
  if (newSize <= oldSize && !(flags & MREMAP.FIXED)) {
    mm.remove(old + newSize, old + oldSize);
    return old;
  }
  if (!(flags & MREMAP.FIXED) && mm.isFree(old + oldSize, old + newSize) && old + newSize <= mm.limit) {
    provideRange(p, old + oldSize, old + newSize);
    mm.remove(old, old + oldSize);
    mm.insert({ ...m, start: old, end: old + newSize });
    return old;
  }
  if (!(flags & MREMAP.MAYMOVE)) throw E.ENOMEM;
  let to: number;
  if (flags & MREMAP.FIXED) {
    to = newAddr >>> 0;
    mm.remove(to, to + newSize);
  } else {
    to = mm.findFree(newSize);
  }
  provideRange(p, to, to + newSize);
  const keep = Math.min(oldSize, newSize);
  p.memory.u8.copyWithin(to, old, old + keep);
  mm.remove(old, old + oldSize);
  mm.insert({ ...m, start: to, end: to + newSize });
  return to;
}

export function mmapSyscalls(): SyscallEntry[] {
  return [
    partial('mmap2', mmap, 'file mappings are copies read at map time; MAP_SHARED ones are written back by msync, munmap, exec and exit, with no coherence with read/write or other processes meanwhile'),
    full('munmap', munmap),
    partial('msync', msync, 'writes shared file mappings back; MS_INVALIDATE does not re-read the file'),
    full('mremap', mremap),
    partial('mprotect', (t, addr, len, prot) => {
      if (!aligned(addr >>> 0) || prot & ~(PROT.READ | PROT.WRITE | PROT.EXEC)) throw E.EINVAL;
      return 0;
    }, 'accepted and recorded nowhere: wasm linear memory has no page protection'),
    partial('madvise', (t, addr) => {
      if (!aligned(addr >>> 0)) throw E.EINVAL;
      return 0;
    }, 'advice is accepted and ignored'),
  ];
}
