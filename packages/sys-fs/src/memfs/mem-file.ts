import { E } from '@kandelo/kernel-core';
import type { Caller, FileHandle, Inode, OpenResult } from '../vfs/inode.js';
import { ChunkedBytes } from './chunked-bytes.js';
import type { MemFs } from './mem-fs.js';
import { MemNode, type NodeInit } from './mem-node.js';

/** Largest file size (1 TiB): far beyond what a wasm32 process can map, yet clear of 2^53 arithmetic. */
export const MAX_FILE_SIZE = 2 ** 40;

/**
 * A regular file. The bytes live in a ChunkedBytes; this class adds the limits (EFBIG, the
 * filesystem's ENOSPC budget), the space accounting and the timestamps.
 * Handles reference the file, not a path, so an unlinked file that is still open keeps its data
 * until the last handle closes; only then is its space returned to the filesystem.
 */
export class MemFile extends MemNode implements Inode {
  private readonly bytes = new ChunkedBytes();
  /** Open handles; with nlink, decides when the data can be dropped. */
  private opens = 0;

  constructor(fs: MemFs, init: NodeInit) {
    super(fs, init, 1);
  }

  protected override byteSize(): number {
    return this.bytes.length;
  }

  protected override blockCount(size: number): number {
    return Math.ceil(size / 512);
  }

  protected override resize(size: number): void {
    this.truncate(size);
  }

  open(_flags: number, _c: Caller): OpenResult {
    // O_TRUNC and O_APPEND are the VFS's (it truncates through the handle, as for every backend).
    this.opens++;
    return { handle: new MemFileHandle(this) };
  }

  /** Current data length. */
  size(): number {
    return this.bytes.length;
  }

  read(out: Uint8Array, pos: number): number {
    return this.bytes.read(out, pos);
  }

  write(src: Uint8Array, pos: number): number {
    let n = src.length;
    if (n === 0) return 0;
    const old = this.bytes.length;
    if (pos + n > old) {
      // Linux writes what fits and reports the short count; only a write that can place
      // nothing fails (EFBIG past the size limit, ENOSPC when the filesystem is full).
      if (pos >= MAX_FILE_SIZE) throw E.EFBIG;
      const limit = Math.min(MAX_FILE_SIZE, old + this.fs.available());
      if (pos >= limit) throw E.ENOSPC;
      n = Math.min(n, limit - pos);
    }
    this.bytes.write(n === src.length ? src : src.subarray(0, n), pos);
    this.fs.charge(this.bytes.length - old);
    this.touchModified();
    return n;
  }

  truncate(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0) throw E.EINVAL;
    if (size > MAX_FILE_SIZE) throw E.EFBIG;
    const old = this.bytes.length;
    if (size - old > this.fs.available()) throw E.ENOSPC;
    this.bytes.truncate(size);
    this.fs.charge(size - old);
    this.touchModified();
  }

  /** A handle closed. */
  release(): void {
    if (--this.opens === 0 && this.nlink === 0) this.free();
  }

  protected override evict(): void {
    if (this.opens === 0) this.free();
  }

  private free(): void {
    this.fs.charge(-this.bytes.length);
    this.bytes.truncate(0);
    this.fs.inodeFreed();
  }
}

/** One open file description's view of a MemFile: all descriptions share the file's bytes. */
export class MemFileHandle implements FileHandle {
  private closed = false;

  constructor(readonly file: MemFile) {}

  read(out: Uint8Array, pos: number): number {
    return this.file.read(out, pos);
  }

  write(data: Uint8Array, pos: number): number {
    return this.file.write(data, pos);
  }

  size(): number {
    return this.file.size();
  }

  truncate(size: number): void {
    this.file.truncate(size);
  }

  close(): void {
    // Guarded so a stray second close cannot free data another handle still uses.
    if (this.closed) return;
    this.closed = true;
    this.file.release();
  }
}
