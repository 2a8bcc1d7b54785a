import { DIRENT64, E, full, S, type SyscallEntry, textEncoder } from '@kandelo/kernel-core';
import type { Vfs } from '../vfs/vfs.js';
import { pathAt } from './fs-args.js';

const HI = 0x1_0000_0000;

/**
 * Writes one linux_dirent64 record at `at` if it fits in `out`; returns its length, or 0 when it
 * does not fit. ASCII names (nearly all) are stored without going through the encoder.
 */
function putDirent(out: Uint8Array, dv: DataView, at: number, ino: number, off: number, type: number, name: string): number {
  const n = name.length;
  let bytes: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    if (name.charCodeAt(i) > 0x7f) {
      bytes = textEncoder.encode(name);
      break;
    }
  }
  const len = bytes ? bytes.length : n;
  const reclen = (DIRENT64.size + len + 1 + 7) & ~7;
  if (at + reclen > out.length) return 0;
  dv.setUint32(at + DIRENT64.d_ino, ino >>> 0, true);
  dv.setUint32(at + DIRENT64.d_ino + 4, Math.floor(ino / HI), true);
  dv.setUint32(at + DIRENT64.d_off, off >>> 0, true);
  dv.setUint32(at + DIRENT64.d_off + 4, Math.floor(off / HI), true);
  dv.setUint16(at + DIRENT64.d_reclen, reclen, true);
  out[at + DIRENT64.d_type] = type;
  const p = at + DIRENT64.size;
  if (bytes) out.set(bytes, p);
  else for (let i = 0; i < n; i++) out[p + i] = name.charCodeAt(i);
  for (let i = p + len; i < at + reclen; i++) out[i] = 0;
  return reclen;
}

/** getcwd, chdir, fchdir, getdents64. */
export function dirSyscalls(vfs: Vfs): SyscallEntry[] {
  return [
    full('getcwd', (t, buf, size) => {
      const p = t.process;
      p.cwd = vfs.currentPath(vfs.cwdStack(p));
      const b = textEncoder.encode(vfs.viewOf(p, p.cwd));
      if ((size >>> 0) < b.length + 1) throw E.ERANGE;
      t.process.memory.write(buf, b);
      t.process.memory.setU8(buf + b.length, 0);
      return b.length + 1;
    }),
    full('chdir', (t, path) => {
      vfs.chdir(t.process, pathAt(vfs, t, -100, path));
      return 0;
    }),
    full('fchdir', (t, fd) => {
      vfs.chdirTo(t.process, t.process.fds.get(fd));
      return 0;
    }),
    full('getdents64', (t, fd, buf, size) => {
      const f = t.process.fds.get(fd);
      if (!f.ops.readdir) throw E.ENOTDIR;
      const entries = f.ops.readdir(f);
      const out = t.process.memory.bytes(buf, size >>> 0);
      const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
      let at = 0;
      while (f.offset < entries.length) {
        const e = entries[f.offset]!;
        const reclen = putDirent(out, dv, at, e.ino, f.offset + 1, e.type, e.name);
        if (reclen === 0) {
          if (at === 0) throw E.EINVAL;
          break;
        }
        at += reclen;
        f.offset++;
      }
      return at;
    }),
  ];
}
