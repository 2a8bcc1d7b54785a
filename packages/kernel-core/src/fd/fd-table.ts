import { E } from '../abi/errno.js';
import type { OpenFile } from './open-file.js';

/**
 * A copy of a table's descriptor -> pipe-end mapping that process workers read (the I/O arena's
 * fd map, see io/io-arena.ts): kept in step with every change to the table.
 */
export interface FdMirror {
  readonly index: number;
  set(fd: number, file: OpenFile | undefined): void;
  release(): void;
}

interface FdEntry {
  file: OpenFile;
  cloexec: boolean;
}

/** A process's descriptor table: lowest-free allocation, close-on-exec flags, RLIMIT_NOFILE. */
export class FdTable {
  private readonly entries: (FdEntry | undefined)[] = [];

  /** The workers' copy of this table, once a thread of its process has started. */
  private mirrorOf: FdMirror | undefined;

  constructor(public limit = 1024) {}

  get mirror(): FdMirror | undefined {
    return this.mirrorOf;
  }

  /** Starts mirroring the table into `m` (filled from the current entries). */
  attachMirror(m: FdMirror): void {
    this.mirrorOf = m;
    this.entries.forEach((e, fd) => e && m.set(fd, e.file));
  }

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
        this.mirrorOf?.set(fd, file);
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
    this.mirrorOf?.set(fd, file);
    if (old) this.drop(old.file);
  }

  close(fd: number): void {
    const e = fd >= 0 ? this.entries[fd] : undefined;
    if (!e) throw E.EBADF;
    this.entries[fd] = undefined;
    this.mirrorOf?.set(fd, undefined);
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

  /** Closes everything: the process is done with the table (its mirror goes too). */
  closeAll(): void {
    for (const fd of this.fds()) this.close(fd);
    this.mirrorOf?.release();
    this.mirrorOf = undefined;
  }

  closeOnExec(): void {
    this.entries.forEach((e, fd) => e?.cloexec && this.close(fd));
  }
}
