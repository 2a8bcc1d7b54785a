import { type BigIntStats, lstatSync, readdirSync, readFileSync, readlinkSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImage, type ImageTree, type ImageTreeNode } from '@kandelo/sys-fs';

export interface ImageFromDirOptions {
  /** Owner of every node (default 0: a root filesystem belongs to root, not to whoever built it). */
  uid?: number;
  /** Group of every node (default 0). */
  gid?: number;
  /** One mtime for every node, for reproducible images; default: each file's own mtime. */
  mtimeNs?: bigint;
}

/**
 * Describes the host directory `hostDir` as an ImageTree. Walks with lstat: symlinks are stored
 * as symlinks (never followed), files with several links become one node per inode (by dev+ino),
 * FIFOs and device nodes are kept, sockets are skipped (they belong to a running process).
 * `hostDir` itself may be a symlink to a directory.
 */
export function imageTreeFromDir(hostDir: string, opts: ImageFromDirOptions = {}): ImageTree {
  const uid = opts.uid ?? 0;
  const gid = opts.gid ?? 0;
  const linked = new Map<string, ImageTreeNode>();

  const visit = (path: string, st: BigIntStats): ImageTreeNode | undefined => {
    const a = { mode: Number(st.mode & 0o7777n), uid, gid, mtimeNs: opts.mtimeNs ?? st.mtimeNs };
    if (st.isDirectory()) {
      const entries = new Map<string, ImageTreeNode>();
      for (const name of readdirSync(path)) {
        const p = join(path, name);
        const n = visit(p, lstatSync(p, { bigint: true }));
        if (n) entries.set(name, n);
      }
      return { kind: 'dir', entries, ...a };
    }
    const key = `${st.dev}:${st.ino}`;
    const seen = st.nlink > 1n ? linked.get(key) : undefined;
    if (seen) return seen;
    let n: ImageTreeNode;
    if (st.isFile()) n = { kind: 'file', data: readFileSync(path), ...a };
    else if (st.isSymbolicLink()) n = { kind: 'symlink', target: readlinkSync(path), ...a };
    // The low 32 bits of the host's dev_t are Linux's encoding for every common major/minor.
    else if (st.isCharacterDevice()) n = { kind: 'chr', rdev: Number(st.rdev & 0xffffffffn), ...a };
    else if (st.isBlockDevice()) n = { kind: 'blk', rdev: Number(st.rdev & 0xffffffffn), ...a };
    else if (st.isFIFO()) n = { kind: 'fifo', ...a };
    else return undefined;
    if (st.nlink > 1n) linked.set(key, n);
    return n;
  };

  const st = statSync(hostDir, { bigint: true });
  if (!st.isDirectory()) throw new Error(`imageTreeFromDir: ${hostDir} is not a directory`);
  return visit(hostDir, st) as ImageTree;
}

/**
 * Builds the image of `hostDir` and writes it to `outFile` (through a temporary file renamed into
 * place, so a reader never sees half an image). Returns the image bytes.
 */
export function buildImageFromDir(hostDir: string, outFile: string, opts?: ImageFromDirOptions): Uint8Array {
  const bytes = buildImage(imageTreeFromDir(hostDir, opts));
  const tmp = `${outFile}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, outFile);
  return bytes;
}
