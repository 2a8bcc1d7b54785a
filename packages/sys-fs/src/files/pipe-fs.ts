import { type HostClock, type IoArena, O, type OpenFile, type Process, SIGNALS, type Thread } from '@kandelo/kernel-core';
import { Pipe } from './pipe.js';
import { openPipeEnd } from './pipe-file.js';

/** What pipefs needs from the kernel (the Kernel provides it; tests pass a fake). */
export interface PipeKernel {
  readonly clock: HostClock;
  /** The I/O arena pipe rings live in, for the workers' fast path (absent: kernel-only rings). */
  readonly io?: IoArena;
  signal(p: Process, sig: number, target?: Thread): void;
}

/**
 * pipefs: where anonymous pipes come from. It numbers their inodes and raises SIGPIPE for a
 * write that finds no reader (Linux sends it to the writing thread).
 */
export class PipeFs {
  private nextIno = 1;
  private readonly sigpipe = (t: Thread): void => this.kernel.signal(t.process, SIGNALS.SIGPIPE, t);

  constructor(private readonly kernel: PipeKernel) {}

  /** A worker moved bytes through ring `index`, which the kernel has waiters on: wake them. */
  kick(index: number): void {
    this.kernel.io?.kick(index);
  }

  /** A new pipe for `t`'s process: [read end, write end]; `nonblock` sets O_NONBLOCK on both. */
  create(t: Thread, nonblock: boolean): [OpenFile, OpenFile] {
    const creds = t.process.creds;
    const pipe = new Pipe(this.nextIno++, creds.euid, creds.egid, this.kernel.clock.realtimeNs(), this.sigpipe, undefined, this.kernel.io);
    const status = nonblock ? O.NONBLOCK : 0;
    return [openPipeEnd(pipe, O.RDONLY | status), openPipeEnd(pipe, O.WRONLY | status)];
  }
}
