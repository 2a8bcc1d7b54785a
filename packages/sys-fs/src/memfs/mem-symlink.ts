import type { Caller, Inode } from '../vfs/inode.js';
import type { MemFs } from './mem-fs.js';
import { MemNode, type NodeInit } from './mem-node.js';
import { utf8Length } from './names.js';

/** A symbolic link: its target text, kept verbatim (the VFS resolves it). */
export class MemSymlink extends MemNode implements Inode {
  /** st_size: the target's length in bytes, as lstat reports it. */
  private readonly bytes: number;

  constructor(
    fs: MemFs,
    init: NodeInit,
    readonly target: string,
  ) {
    super(fs, init, 1);
    this.bytes = utf8Length(target);
  }

  protected override byteSize(): number {
    return this.bytes;
  }

  readlink(_c: Caller): string {
    return this.target;
  }
}
