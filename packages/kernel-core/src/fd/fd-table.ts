import { E } from '../abi/errno.js';
import type { OpenFile } from './open-file.js';

interface FdEntry {
  file: OpenFile;
  cloexec: boolean;
}

/** A process's descriptor table: lowest-free allocation, close-on-exec flags, RLIMIT_NOFILE. */
export class FdTable {
  private readonly entries: (FdEntry | undefined)[] = [];

  constructor(public limit = 1024) {}

  get(fd: number): OpenFile {
    const e = fd >= 0 ? this.entries[fd] : undefined;
    if (!e) throw E.EBADF;
    return e.file;
  }

  has(fd: number): boolean {
    return fd >= 0 && this.entries[fd] !== undefined;
  }

  /**
   * Installs `file` at the lowest free descriptor >= min. Takes over the caller's reference, and
   * drops it when no descriptor is free (EMFILE), so a failed dup or open leaves nothing open.
   */
  alloc(file: OpenFile, cloexec = false, min = 0): number {
    for (let fd = min; fd < this.limit; fd++) {
      if (!this.entries[fd]) {
        this.entries[fd] = { file, cloexec };
        return fd;
      }
    }
    file.unref();
    throw E.EMFILE;
  }

  /** Installs at exactly `fd`, closing what was there (dup2 semantics). */
  set(fd: number, file: OpenFile, cloexec = false): void {
    if (fd < 0 || fd >= this.limit) throw E.EBADF;
    const old = this.entries[fd];
    this.entries[fd] = { file, cloexec };
    if (old) this.drop(old.file);
  }

  close(fd: number): void {
    const e = fd >= 0 ? this.entries[fd] : undefined;
    if (!e) throw E.EBADF;
    this.entries[fd] = undefined;
    this.drop(e.file);
  }

  private drop(file: OpenFile): void {
    file.ops.closed?.(file, this);
    file.watch?.closed(file, this);
    file.unref();
  }

  getCloexec(fd: number): boolean {
    const e = this.entries[fd];
    if (!e) throw E.EBADF;
    return e.cloexec;
  }

  setCloexec(fd: number, on: boolean): void {
    const e = this.entries[fd];
    if (!e) throw E.EBADF;
    e.cloexec = on;
  }

  /** Every open descriptor number, ascending. */
  fds(): number[] {
    const out: number[] = [];
    this.entries.forEach((e, fd) => e && out.push(fd));
    return out;
  }

  /** A copy for a child process: same open file descriptions (shared offsets), same flags. */
  clone(): FdTable {
    const t = new FdTable(this.limit);
    this.entries.forEach((e, fd) => {
      if (e) t.entries[fd] = { file: e.file.ref(), cloexec: e.cloexec };
    });
    return t;
  }

  closeAll(): void {
    for (const fd of this.fds()) this.close(fd);
  }

  closeOnExec(): void {
    this.entries.forEach((e, fd) => e?.cloexec && this.close(fd));
  }
}
