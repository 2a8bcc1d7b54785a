import { E, type FileOps, S } from '@kandelo/kernel-core';

export interface SyntheticDirState {
  children: string[];
}

const ZERO = 0n;

/** Stat of a directory that exists only as the parent of mount points. */
export function syntheticDirStat(path: string) {
  let ino = 2;
  for (let i = 0; i < path.length; i++) ino = (Math.imul(ino, 31) + path.charCodeAt(i)) >>> 0;
  return {
    dev: 1, ino, mode: S.IFDIR | 0o755, nlink: 2, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 4096, blocks: 0,
    atimeNs: ZERO, mtimeNs: ZERO, ctimeNs: ZERO,
  };
}

export const syntheticDirOps: FileOps = {
  seekable: true,
  stat: (f) => syntheticDirStat(f.path),
  readdir: (f) => {
    const kids = (f.state as SyntheticDirState).children;
    const ino = syntheticDirStat(f.path).ino;
    return [{ name: '.', ino, type: 4 }, { name: '..', ino, type: 4 },
      ...kids.map((name) => ({ name, ino: syntheticDirStat(`${f.path}/${name}`).ino, type: 4 }))];
  },
  read: () => {
    throw E.EISDIR;
  },
};
