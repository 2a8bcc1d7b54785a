import { DIRENT64, E, full, S, type SyscallEntry, textEncoder } from '@kandelo/kernel-core';
import type { Vfs } from '../vfs/vfs.js';
import { pathAt } from './fs-args.js';

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
      const m = t.process.memory;
      m.check(buf, size >>> 0);
      let at = 0;
      while (f.offset < entries.length) {
        const e = entries[f.offset]!;
        const name = textEncoder.encode(e.name);
        const reclen = (DIRENT64.size + name.length + 1 + 7) & ~7;
        if (at + reclen > (size >>> 0)) {
          if (at === 0) throw E.EINVAL;
          break;
        }
        const p = buf + at;
        m.setI64(p + DIRENT64.d_ino, e.ino);
        m.setI64(p + DIRENT64.d_off, f.offset + 1);
        m.setU16(p + DIRENT64.d_reclen, reclen);
        m.setU8(p + DIRENT64.d_type, e.type);
        m.write(p + DIRENT64.size, name);
        m.bytes(p + DIRENT64.size + name.length, reclen - DIRENT64.size - name.length).fill(0);
        at += reclen;
        f.offset++;
      }
      return at;
    }),
  ];
}
