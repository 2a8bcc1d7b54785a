import { E, type FileStat, O } from '@kandelo/kernel-core';
import type { Caller, DirEntry, FileHandle, Inode, NewNode, OpenResult, SetAttr } from '../vfs/inode.js';
import { DIR_SIZE, inoOf } from './format.js';
import type { ImageFs } from './image-fs.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Nodes of an ImageFs. Each kind has only the Inode methods it supports (the VFS answers ENOTDIR,
 * EINVAL... for the absent ones); every mutation that does apply to the kind throws EROFS.
 * Attributes are read from the image on each stat: nothing is duplicated in memory.
 */
export abstract class ImageNode implements Inode {
  readonly ino: number;

  constructor(
    readonly fs: ImageFs,
    /** Inode index in the image. */
    readonly index: number,
  ) {
    this.ino = inoOf(index);
  }

  stat(): FileStat {
    const l = this.fs.layout;
    const i = this.index;
    const mode = l.mode(i);
    const size = this.size();
    const mtimeNs = l.mtimeNs(i);
    return {
      dev: this.fs.dev, ino: this.ino, mode, nlink: l.nlink(i), uid: l.uid(i), gid: l.gid(i), rdev: this.rdev(), size,
      blksize: 4096, blocks: this.blockCount(size), atimeNs: mtimeNs, mtimeNs, ctimeNs: mtimeNs,
    };
  }

  protected size(): number {
    return 0;
  }

  /**
   * st_blocks in 512-byte units: file data only, as memfs counts (and tmpfs, for directories and
   * short symlinks), so a tree copied out of the image (`cp -a`) lists the same `ls -s` sizes.
   */
  protected blockCount(_size: number): number {
    return 0;
  }

  protected rdev(): number {
    return 0;
  }

  setattr(_a: SetAttr): void {
    throw E.EROFS;
  }
}

export class ImageDir extends ImageNode {
  protected override size(): number {
    return DIR_SIZE;
  }

  lookup(name: string, _c: Caller): Inode | undefined {
    const l = this.fs.layout;
    const e = l.find(this.index, encoder.encode(name));
    return e < 0 ? undefined : this.fs.node(l.child(e));
  }

  readdir(_c: Caller): DirEntry[] {
    const l = this.fs.layout;
    const first = l.a(this.index);
    const out: DirEntry[] = [];
    for (let e = first; e < first + l.b(this.index); e++) {
      const child = l.child(e);
      out.push({ name: decoder.decode(l.name(e)), ino: inoOf(child), type: l.type(child) >>> 12 });
    }
    return out;
  }

  create(_name: string, _node: NewNode, _c: Caller): Inode {
    throw E.EROFS;
  }
  link(_name: string, _target: Inode): void {
    throw E.EROFS;
  }
  unlink(_name: string, _dir: boolean): void {
    throw E.EROFS;
  }
  rename(_name: string, _newDir: Inode, _newName: string, _exchange: boolean): void {
    throw E.EROFS;
  }
}

export class ImageFile extends ImageNode {
  protected override size(): number {
    return this.fs.layout.b(this.index);
  }

  protected override blockCount(size: number): number {
    return Math.ceil(size / 512);
  }

  /** An image never changes. */
  contentVersion(): string {
    return '0';
  }

  /** The contents as a view into the image (zero-copy; e.g. for compiling a wasm module). */
  data(): Uint8Array {
    return this.fs.layout.data(this.index);
  }

  open(flags: number, _c: Caller): OpenResult {
    // O_TRUNC writes even with O_RDONLY (Linux truncates), so it needs a writable filesystem too.
    if ((flags & O.ACCMODE) !== O.RDONLY || flags & O.TRUNC) throw E.EROFS;
    return { handle: new ImageFileHandle(this.data()) };
  }
}

/** Reads straight from the image bytes. */
export class ImageFileHandle implements FileHandle {
  constructor(private readonly bytes: Uint8Array) {}

  read(out: Uint8Array, pos: number): number {
    if (pos >= this.bytes.length) return 0;
    const n = Math.min(out.length, this.bytes.length - pos);
    out.set(this.bytes.subarray(pos, pos + n));
    return n;
  }
  write(_data: Uint8Array, _pos: number): number {
    throw E.EROFS;
  }
  size(): number {
    return this.bytes.length;
  }
  truncate(_size: number): void {
    throw E.EROFS;
  }
}

export class ImageSymlink extends ImageNode {
  protected override size(): number {
    return this.fs.layout.b(this.index);
  }

  readlink(_c: Caller): string {
    return decoder.decode(this.fs.layout.data(this.index));
  }
}

export class ImageDevice extends ImageNode {
  protected override rdev(): number {
    return this.fs.layout.a(this.index);
  }

  open(flags: number, c: Caller): OpenResult {
    // A device node on a read-only filesystem still opens for writing: the driver is elsewhere.
    const open = this.fs.openDevice;
    if (!open) throw E.ENXIO;
    return open(this.rdev(), flags, c, this.fs.layout.type(this.index));
  }
}

/** FIFO or socket: attributes only (the VFS attaches FIFO pipes itself). */
export class ImageSpecial extends ImageNode {}
