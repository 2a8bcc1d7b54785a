import { E, O, S } from '@kandelo/kernel-core';
import type { Caller, FileHandle, Inode } from '../vfs/inode.js';
import type { OverlayNode } from './overlay-node.js';

/** Internal calls made by the overlay itself (backends do no permission checks). */
export const KERNEL_CALLER: Caller = { uid: 0, gid: 0, groups: [] };

const CHUNK = 1 << 20;

/**
 * Gives `n` an upper copy, first copying up its parent chain, and returns it. The copy has the
 * lower node's type, data (unless `data` is false: the caller is about to truncate it), mode,
 * owner and times; the parent's times are put back afterwards, as Linux does, since a copy-up
 * is not a change a user made. A failed copy leaves nothing behind in the upper layer.
 */
export function copyUp(n: OverlayNode, data = true): Inode {
  if (n.upper) return n.upper;
  const parent = n.parent;
  // An unlinked lower node (reachable only through an open descriptor) has nowhere to go.
  if (!parent || n.unlinked || !n.lower) throw E.ENOENT;
  const dir = copyUp(parent);
  if (!dir.create) throw E.EPERM;
  const lower = n.lower;
  const st = lower.stat();
  const pst = dir.stat();
  const type = st.mode & S.IFMT;
  const owner: Caller = { uid: st.uid, gid: st.gid, groups: [st.gid] };
  const target = type === S.IFLNK ? lower.readlink?.(KERNEL_CALLER) : undefined;
  const u = dir.create(n.name, { mode: st.mode, rdev: st.rdev, target }, owner);
  try {
    if (type === S.IFREG && data) copyData(lower, u);
    // Symlink permissions mean nothing (and some backends refuse to change them).
    u.setattr?.({
      ...(type === S.IFLNK ? {} : { mode: st.mode & 0o7777 }),
      uid: st.uid, gid: st.gid, atimeNs: st.atimeNs, mtimeNs: st.mtimeNs,
    });
  } catch (e) {
    dir.unlink?.(n.name, type === S.IFDIR);
    throw e;
  }
  dir.setattr?.({ atimeNs: pst.atimeNs, mtimeNs: pst.mtimeNs });
  n.fs.meta.setOrigin(u.ino, n.ino);
  n.upper = u;
  n.copiedUp();
  return u;
}

function copyData(from: Inode, to: Inode): void {
  const src = handleOf(from, O.RDONLY);
  try {
    const dst = handleOf(to, O.WRONLY);
    try {
      const buf = new Uint8Array(Math.max(1, Math.min(src.size(), CHUNK)));
      for (let pos = 0; ; ) {
        const n = src.read(buf, pos);
        if (n <= 0) break;
        for (let off = 0; off < n; ) {
          const w = dst.write(buf.subarray(off, n), pos + off);
          if (w <= 0) throw E.ENOSPC;
          off += w;
        }
        pos += n;
      }
    } finally {
      dst.close?.();
    }
  } finally {
    src.close?.();
  }
}

function handleOf(n: Inode, flags: number): FileHandle {
  const r = n.open?.(flags, KERNEL_CALLER);
  if (!r || !('handle' in r)) throw E.EIO;
  return r.handle;
}
