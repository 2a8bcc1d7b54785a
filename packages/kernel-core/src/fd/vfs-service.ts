import type { Process } from '../process/process.js';
import type { FileStat } from './file-stat.js';
import type { OpenFile } from './open-file.js';

/**
 * The filesystem as other subsystems see it (provided by sys-fs under TOKENS.Vfs): path
 * resolution, opening, stat, whole-file reads for exec. Methods throw errno sentinels.
 */
export interface VfsService {
  /** The absolute guest path of `path` relative to `dirfd` (AT_FDCWD: the cwd). */
  resolveAt(p: Process, dirfd: number, path: string): string;
  open(abs: string, flags: number, mode: number): OpenFile;
  stat(abs: string, follow: boolean): FileStat;
  /** The whole content of a regular file. */
  readFile(abs: string): Uint8Array;
}
