import type { Process } from '../process/process.js';
import type { FileStat } from './file-stat.js';
import type { OpenFile } from './open-file.js';

/**
 * The filesystem as other subsystems see it (provided by sys-fs under TOKENS.Vfs). Paths are
 * kernel paths: absolute from the kernel's root (a chrooted process's "/" is `p.root`); they are
 * resolved as `p` (its root bounds "..", its credentials are checked). Methods throw errno sentinels.
 */
export interface VfsService {
  /** `path` relative to `dirfd` (AT_FDCWD: the cwd) as a kernel path, joined but not resolved. */
  resolveAt(p: Process, dirfd: number, path: string): string;
  open(p: Process, abs: string, flags: number, mode: number): OpenFile;
  stat(p: Process, abs: string, follow: boolean): FileStat;
  /**
   * What identifies the content of the file at `abs` (following symlinks) exactly as it is now, or
   * undefined when its filesystem cannot tell (host files).
   */
  contentKey(p: Process, abs: string): string | undefined;
  /** Makes `abs` (a directory) the working directory of `p`. */
  chdir(p: Process, abs: string): void;
  /** Makes the directory open as `dir` the working directory of `p` (fchdir). */
  chdirTo(p: Process, dir: OpenFile): void;
  /** The content of a regular file: all of it, or its first `limit` bytes. */
  readFile(p: Process, abs: string, limit?: number): Uint8Array;
}
