import { E, type FileOps, IOCTL, O, type OpenFile } from '@kandelo/kernel-core';
import { inodeOf, type FileHandle } from '../vfs/inode.js';
import type { OpenHooks } from './open-hooks.js';

export const handleOf = (f: OpenFile): FileHandle => f.state as FileHandle;

/**
 * Regular files of any backend, over the FileHandle their inode's open() gave. The description
 * keeps the offset; O_APPEND writes go at the size the handle reports at that moment.
 */
export function regularFileOps(hooks: OpenHooks): FileOps {
  return {
    seekable: true,
    read(f, _t, out, position) {
      const n = handleOf(f).read(out, position ?? f.offset);
      if (position === null) f.offset += n;
      return n;
    },
    write(f, _t, data, position) {
      const h = handleOf(f);
      // Linux's pwrite on an O_APPEND file appends too; plain writes move the offset to the end.
      const pos = f.flags & O.APPEND ? h.size() : position ?? f.offset;
      const n = h.write(data, pos);
      if (position === null) f.offset = pos + n;
      return n;
    },
    stat: (f) => inodeOf(f)!.stat(),
    truncate: (f, length) => handleOf(f).truncate(length),
    sync: (f) => handleOf(f).sync?.(),
    ioctl(f, t, request, arg) {
      if (request !== IOCTL.FIONREAD) throw E.ENOTTY;
      t.process.memory.setI32(arg, Math.max(0, handleOf(f).size() - f.offset));
      return 0;
    },
    closed: (f, fds) => hooks.closed(f, fds),
    release(f) {
      hooks.released(f);
      handleOf(f).close?.();
    },
  };
}
