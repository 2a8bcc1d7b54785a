import type { HostFileSystem, HostStat } from '@kandelo/kernel-core';
import { host } from '../files/host-error.js';
import type { FileHandle } from '../vfs/inode.js';

/**
 * The data of an open host regular file: a host descriptor opened with O_NOFOLLOW and the
 * description's access mode only (the VFS does O_TRUNC through truncate() and O_APPEND by
 * writing at size()). Positions are always explicit, so the host offset is never used.
 */
export class HostHandle implements FileHandle {
  private closed = false;

  constructor(
    private readonly host: HostFileSystem,
    readonly fd: number,
    /** Told once, when the handle closes (the inode stops using it for fstat). */
    private readonly onClose: (h: HostHandle) => void,
  ) {}

  read(out: Uint8Array, pos: number): number {
    return host(() => this.host.read(this.fd, out, pos));
  }

  write(data: Uint8Array, pos: number): number {
    return host(() => this.host.write(this.fd, data, pos));
  }

  size(): number {
    return this.stat().size;
  }

  truncate(size: number): void {
    host(() => this.host.ftruncate(this.fd, size));
  }

  sync(): void {
    host(() => this.host.fsync(this.fd));
  }

  /** fstat of the open file (still answers once the file is unlinked). */
  stat(): HostStat {
    return host(() => this.host.fstat(this.fd));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.host.close(this.fd);
    } catch {
      // Closing never fails the guest (Linux close releases the descriptor regardless).
    }
    this.onClose(this);
  }
}
