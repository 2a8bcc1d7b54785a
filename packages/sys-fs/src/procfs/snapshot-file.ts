import type { FileOps, OpenFile } from '@kandelo/kernel-core';
import type { Inode, OpenResult } from '../vfs/inode.js';

/** A generated file's open description: the bytes made at open, and the node for fstat. */
export interface SnapshotState {
  readonly bytes: Uint8Array;
  readonly node: Inode;
}

const snap = (f: OpenFile): SnapshotState => f.state as SnapshotState;
const encoder = new TextEncoder();

/**
 * Reads at an offset over a snapshot taken at open, as Linux's seq_file does for a file read
 * in one go: a reader sees one consistent text however it splits its reads, and may lseek
 * back to read it again. There is no write: the syscall layer answers EINVAL (the node already
 * refuses write opens with EACCES).
 */
export const snapshotOps: FileOps = {
  seekable: true,
  stat: (f) => snap(f).node.stat(),
  read(f, _t, out, position) {
    const { bytes } = snap(f);
    const at = position ?? f.offset;
    const n = at >= bytes.length ? 0 : Math.min(out.length, bytes.length - at);
    if (n > 0) out.set(bytes.subarray(at, at + n));
    if (position === null) f.offset = at + n;
    return n;
  },
};

/** What Inode.open returns for a generated file: its content now, read through snapshotOps. */
export function openSnapshot(node: Inode, content: string | Uint8Array): OpenResult {
  const bytes = typeof content === 'string' ? encoder.encode(content) : content;
  return { ops: snapshotOps, state: { bytes, node } satisfies SnapshotState };
}
