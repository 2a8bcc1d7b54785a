import { E } from '../abi/errno.js';
import { Process } from './process.js';

/**
 * Every live and zombie process, by pid. Pids and tids share one id space (as on Linux); ids
 * are allocated upward and wrap at pidMax, skipping ids still in use.
 */
export class ProcessTable {
  private readonly byPid = new Map<number, Process>();
  private readonly used = new Set<number>();
  private nextId = 1;

  constructor(private readonly pidMax = 32768) {}

  create(startNs: bigint): Process {
    const p = new Process(this.allocId(), startNs);
    this.byPid.set(p.pid, p);
    return p;
  }

  /** Allocates a pid or tid. */
  allocId(): number {
    for (let i = 0; i < this.pidMax; i++) {
      const id = this.nextId;
      this.nextId = id >= this.pidMax ? 2 : id + 1;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
    throw E.EAGAIN;
  }

  releaseId(id: number): void {
    this.used.delete(id);
  }

  get(pid: number): Process | undefined {
    return this.byPid.get(pid);
  }

  /** Forgets a reaped process and frees its pid. */
  remove(pid: number): void {
    this.byPid.delete(pid);
    this.used.delete(pid);
  }

  all(): IterableIterator<Process> {
    return this.byPid.values();
  }

  get size(): number {
    return this.byPid.size;
  }
}
