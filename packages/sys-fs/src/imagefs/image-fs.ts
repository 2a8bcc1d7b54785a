import { S } from '@kandelo/kernel-core';
import type { Caller, FileSystem, FsStats, Inode, OpenResult } from '../vfs/inode.js';
import { KANDELO_IMAGE_MAGIC, NAME_MAX } from './format.js';
import { ImageLayout } from './image-layout.js';
import { ImageDir, ImageDevice, ImageFile, type ImageNode, ImageSpecial, ImageSymlink } from './image-nodes.js';

/** Opens a character or block device node by number (the same shape as memfs's OpenDevice). */
export type ImageOpenDevice = (rdev: number, flags: number, c: Caller, type: number) => OpenResult;

export interface ImageFsOptions {
  /** st_dev of every node (from Vfs.allocDev()). */
  dev: number;
  /**
   * Check the content hash at mount (default true). Skipping it saves one pass over the bytes
   * for an image already verified (e.g. cached by hash); the structure is checked regardless.
   */
  verify?: boolean;
  /** Opens device nodes; absent: opening one is ENXIO. */
  openDevice?: ImageOpenDevice;
}

/**
 * A read-only filesystem over an image made by buildImage (FORMAT.md). The image is validated
 * here, once: a bad image throws an ImageError now rather than failing a syscall later. Nodes
 * are made on first use and cached by index, so hard links are one object and inode numbers
 * (index + 1, root = 1) never change. The bytes are referenced, not copied: do not modify them.
 */
export class ImageFs implements FileSystem {
  readonly type = 'kandelo-image';
  readonly readonly = true;
  readonly dev: number;
  readonly root: ImageDir;
  readonly openDevice: ImageOpenDevice | undefined;
  /** @internal For the nodes. */
  readonly layout: ImageLayout;
  private readonly nodes: (ImageNode | undefined)[];

  constructor(bytes: Uint8Array, opts: ImageFsOptions) {
    this.layout = new ImageLayout(bytes, opts.verify ?? true);
    this.dev = opts.dev;
    this.openDevice = opts.openDevice;
    this.nodes = new Array<ImageNode | undefined>(this.layout.inodeCount);
    this.root = this.node(0) as ImageDir;
  }

  /** The image's content hash (FNV-1a 64, as stored in its header): a cache key. */
  get checksum(): bigint {
    return this.layout.checksum;
  }

  statfs(): FsStats {
    const blocks = Math.ceil(this.layout.size / 4096);
    return { magic: KANDELO_IMAGE_MAGIC, bsize: 4096, blocks, bfree: 0, files: this.layout.inodeCount, ffree: 0, namelen: NAME_MAX };
  }

  /** @internal The node for inode index `i`, made on first use. */
  node(i: number): Inode {
    let n = this.nodes[i];
    if (!n) {
      switch (this.layout.type(i)) {
        case S.IFDIR: n = new ImageDir(this, i); break;
        case S.IFREG: n = new ImageFile(this, i); break;
        case S.IFLNK: n = new ImageSymlink(this, i); break;
        case S.IFCHR: case S.IFBLK: n = new ImageDevice(this, i); break;
        default: n = new ImageSpecial(this, i);
      }
      this.nodes[i] = n;
    }
    return n;
  }
}
