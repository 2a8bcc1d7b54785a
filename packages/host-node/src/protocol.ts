import type { KernelConfig } from '@kandelo/kernel-core';

/** Messages between the CLI/main thread and the kernel worker. */
export type ToKernel =
  /** Runs a program: `bytes`, or (absent) the file at guest path `path`, read through the kernel's VFS. */
  | { type: 'spawn'; id: number; bytes?: Uint8Array; path: string; argv: string[]; envp: string[]; trace: boolean }
  | { type: 'resize'; rows: number; cols: number }
  | { type: 'report' }
  /** Sends a signal to a process group (the CLI forwards its own SIGINT/SIGTERM/SIGHUP). */
  | { type: 'signal-group'; pgid: number; sig: number }
  /** Kills a process's workers abruptly, as a crash would (for robustness tests). */
  | { type: 'crash-workers'; pid: number };

export type FromKernel =
  | { type: 'ready' }
  | { type: 'spawned'; id: number; pid: number }
  | { type: 'spawn-error'; id: number; message: string; foreign: boolean }
  | { type: 'exit'; id: number; status: number }
  | { type: 'report'; rows: unknown[] };

export interface KernelWorkerData {
  config: KernelConfig;
  winsize?: { rows: number; cols: number };
}
