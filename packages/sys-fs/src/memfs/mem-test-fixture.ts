import { O, S } from '@kandelo/kernel-core';
import type { Caller, FileHandle, Inode } from '../vfs/inode.js';
import { MemFs } from './mem-fs.js';

/** The unprivileged caller memfs tests act as. */
export const user: Caller = { uid: 1000, gid: 1000, groups: [1000, 20] };

/** A fresh memfs with a controllable clock and shorthands for the tests (not part of the package). */
export function memFixture() {
  let clock = 1_000n;
  const fs = new MemFs({ dev: 7, now: () => clock, rootMode: 0o1777 });
  const root = fs.root;
  const file = (dir: Inode, name: string, mode = 0o644, c = user) => dir.create!(name, { mode: S.IFREG | mode }, c);
  const dir = (parent: Inode, name: string, mode = 0o755, c = user) => parent.create!(name, { mode: S.IFDIR | mode }, c);
  const handle = (node: Inode): FileHandle => {
    const r = node.open!(O.RDWR, user);
    if (!('handle' in r)) throw new Error('expected a data handle');
    return r.handle;
  };
  const names = (d: Inode) => d.readdir!(user).map((e) => e.name);
  const nlink = (n: Inode) => n.stat().nlink;
  const tick = () => (clock += 100n);
  return { fs, root, file, dir, handle, names, nlink, tick, now: () => clock };
}
