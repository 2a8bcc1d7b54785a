import { E, O } from '@kandelo/kernel-core';
import type { FileHandle, Inode } from '../vfs/inode.js';
import { KERNEL_CALLER } from './copy-up.js';

/**
 * A read-only handle on a lower file that moves to the upper copy when the file is copied up,
 * so a descriptor opened before someone else's write sees that write (as Linux 4.19+ does).
 * The upper handle is opened at copy-up time, which also keeps the copy's data alive if it is
 * unlinked before this handle reads again.
 */
export class FollowingHandle implements FileHandle {
  private upper: FileHandle | undefined;

  constructor(
    private readonly lower: FileHandle,
    private readonly onClose: (h: FollowingHandle) => void,
  ) {}

  /** The node now has an upper copy: read from it from now on. */
  follow(node: Inode): void {
    if (this.upper) return;
    const r = node.open?.(O.RDONLY, KERNEL_CALLER);
    if (r && 'handle' in r) this.upper = r.handle;
  }

  read(out: Uint8Array, pos: number): number {
    return (this.upper ?? this.lower).read(out, pos);
  }

  size(): number {
    return (this.upper ?? this.lower).size();
  }

  // Only read-only opens get this handle; the VFS refuses writes on them before they get here.
  write(_data: Uint8Array, _pos: number): number {
    throw E.EBADF;
  }

  truncate(_size: number): void {
    throw E.EBADF;
  }

  close(): void {
    this.onClose(this);
    this.lower.close?.();
    this.upper?.close?.();
  }
}
