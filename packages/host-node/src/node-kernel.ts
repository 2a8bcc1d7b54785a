import { availableParallelism } from 'node:os';
import { isatty } from 'node:tty';
import { Worker } from 'node:worker_threads';
import type { KernelConfig } from '@kandelo/kernel-core';
import type { FromKernel, KernelWorkerData, ToKernel } from './protocol.js';

export interface BootOptions {
  /** Host directories to mount; by default the host's cwd at the same path. */
  mounts?: KernelConfig['mounts'];
  cwd?: string;
  /** A root filesystem image (see `kandelo mkimage`); default: the built-in rootfs. */
  rootImage?: Uint8Array;
  hostname?: string;
  memoryLimit?: number;
}

export interface SpawnOptions {
  /** argv[0] defaults to the path. */
  argv?: string[];
  env?: string[];
  trace?: boolean;
  /** Guest path of the program (defaults to the host path). */
  path?: string;
}

/** A spawn that failed before the program ran (not wasm, foreign ABI...). */
export class SpawnError extends Error {
  constructor(message: string, readonly foreign: boolean) {
    super(message);
  }
}

interface Pending {
  spawned: (pid: number) => void;
  exited: (status: number) => void;
  failed: (err: Error) => void;
}

/**
 * The main-thread handle of a kernel running in its own worker. Programs are started with
 * `spawn`, which resolves with the wait status (exit code << 8, or the signal number).
 */
export class NodeKernel {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromKernel) => this.onMessage(m));
  }

  static boot(opts: BootOptions = {}): Promise<NodeKernel> {
    const cwd = opts.cwd ?? process.cwd();
    const config: KernelConfig = {
      hostname: opts.hostname ?? 'kandelo',
      mounts: opts.mounts ?? [{ guest: cwd, host: cwd }],
      cwd,
      rootImage: opts.rootImage,
      memoryLimit: opts.memoryLimit ?? 4 * 1024 * 1024 * 1024,
      cpus: availableParallelism(),
    };
    // isatty(1) rather than process.stdout.isTTY: creating the stream object for a pipe makes
    // libuv switch fd 1 to non-blocking mode, under the kernel worker's synchronous writes.
    const stdoutTty = isatty(1);
    const winsize = stdoutTty ? { rows: process.stdout.rows, cols: process.stdout.columns } : undefined;
    const data: KernelWorkerData = { config, winsize };
    const worker = new Worker(new URL('./kernel-worker.js', import.meta.url), { workerData: data });
    return new Promise((resolve, reject) => {
      const onReady = (m: FromKernel) => {
        if (m.type !== 'ready') return;
        worker.off('message', onReady);
        worker.off('error', reject);
        resolve(new NodeKernel(worker));
      };
      worker.on('message', onReady);
      worker.once('error', reject);
      if (stdoutTty) {
        process.stdout.on('resize', () => {
          worker.postMessage({ type: 'resize', rows: process.stdout.rows, cols: process.stdout.columns } satisfies ToKernel);
        });
      }
    });
  }

  private onMessage(m: FromKernel): void {
    if (m.type === 'spawned') this.pending.get(m.id)?.spawned(m.pid);
    else if (m.type === 'exit') {
      this.pending.get(m.id)?.exited(m.status);
      this.pending.delete(m.id);
    } else if (m.type === 'spawn-error') {
      this.pending.get(m.id)?.failed(new SpawnError(m.message, m.foreign));
      this.pending.delete(m.id);
    }
  }

  /**
   * Runs a module. `bytes` is the module binary, or undefined to run the program at guest path
   * `opts.path` (in the root image or a mount); the promise resolves with the wait status once
   * the process exits. `onSpawn` gets the pid as soon as the process exists.
   */
  spawn(bytes: Uint8Array | undefined, opts: SpawnOptions = {}, onSpawn?: (pid: number) => void): Promise<number> {
    const id = this.nextId++;
    const path = opts.path ?? 'a.out';
    return new Promise((resolve, reject) => {
      this.pending.set(id, { spawned: (pid) => onSpawn?.(pid), exited: resolve, failed: reject });
      const msg: ToKernel = {
        type: 'spawn', id, bytes, path, argv: opts.argv ?? [path], envp: opts.env ?? [], trace: opts.trace ?? false,
      };
      this.worker.postMessage(msg);
    });
  }

  /** The syscall compatibility report of this kernel's profile. */
  report(): Promise<unknown[]> {
    return new Promise((resolve) => {
      const on = (m: FromKernel) => {
        if (m.type !== 'report') return;
        this.worker.off('message', on);
        resolve(m.rows);
      };
      this.worker.on('message', on);
      this.worker.postMessage({ type: 'report' } satisfies ToKernel);
    });
  }

  /** Sends `sig` to every process in process group `pgid`. */
  signalGroup(pgid: number, sig: number): void {
    this.worker.postMessage({ type: 'signal-group', pgid, sig } satisfies ToKernel);
  }

  /** Kills the workers of process `pid` abruptly, as a crash would (robustness tests). */
  crashWorkers(pid: number): void {
    this.worker.postMessage({ type: 'crash-workers', pid } satisfies ToKernel);
  }

  async shutdown(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Decodes a wait status into a shell-style exit code: the code, or 128+signal. */
export function shellStatus(status: number): number {
  const sig = status & 0x7f;
  return sig === 0 ? (status >> 8) & 0xff : 128 + sig;
}
