import { E, type FileOps, type OpenFile } from '@kandelo/kernel-core';
import { type DirEntry, inodeOf, type Caller, type Inode } from '../vfs/inode.js';
import { DT } from '../vfs/dtype.js';
import type { OpenHooks } from './open-hooks.js';

export interface DirState {
  readonly caller: Caller;
  /** The parent's inode number for "..". */
  readonly parentIno: number;
  /** The listing getdents walks; taken at the first read and again after a rewind to 0. */
  entries?: DirEntry[];
}


/**
 * Directories: getdents reads a snapshot, so entries removed or added while a program walks the
 * directory neither repeat nor shift the rest (each entry present throughout is seen once).
 */
export function dirFileOps(hooks: OpenHooks): FileOps {
  return {
    seekable: true,
    stat: (f) => inodeOf(f)!.stat(),
    read: () => {
      throw E.EISDIR;
    },
    readdir(f: OpenFile) {
      const s = f.state as DirState;
      if (!s.entries || f.offset === 0) {
        const node: Inode = inodeOf(f)!;
        if (!node.readdir) throw E.ENOTDIR;
        // A removed directory lists nothing, not even its dots (musl's readdir takes ENOENT as the end).
        if (node.stat().nlink === 0) throw E.ENOENT;
        s.entries = [
          { name: '.', ino: node.ino, type: DT.DIR }, { name: '..', ino: s.parentIno, type: DT.DIR },
          ...node.readdir(s.caller),
        ];
      }
      return s.entries;
    },
    closed: (f, fds) => hooks.closed(f, fds),
    release: (f) => hooks.released(f),
  };
}

/** O_PATH descriptions: a place in the tree, usable as a dirfd and by fstat, nothing else. */
export const pathFileOps: FileOps = {
  seekable: false,
  stat: (f) => inodeOf(f)!.stat(),
};
