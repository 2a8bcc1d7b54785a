/**
 * DI tokens. Hosts register host services; each sys-* package's registerX(container) registers
 * its Subsystem under SUBSYSTEM (multi-provider) plus any services it offers to others.
 * Every constructor parameter takes an explicit @inject(TOKEN): esbuild-based tools emit no
 * parameter metadata.
 */
export const TOKENS = {
  /** Subsystem, registered once per sys-* package (resolveAll). */
  Subsystem: Symbol.for('kandelo.Subsystem'),
  /** kernel/kernel.ts Kernel. */
  Kernel: Symbol.for('kandelo.Kernel'),
  /** process/process-table.ts ProcessTable. */
  ProcessTable: Symbol.for('kandelo.ProcessTable'),
  /** host/host-services.ts HostClock. */
  HostClock: Symbol.for('kandelo.HostClock'),
  /** host/host-services.ts HostRandom. */
  HostRandom: Symbol.for('kandelo.HostRandom'),
  /** host/host-services.ts HostConsole (the host's stdin/stdout/stderr). */
  HostConsole: Symbol.for('kandelo.HostConsole'),
  /** host/host-services.ts HostFileSystem (Node: the real filesystem; absent in the browser). */
  HostFileSystem: Symbol.for('kandelo.HostFileSystem'),
  /** host/host-services.ts HostProcessRunner (starts and stops workers). */
  HostProcessRunner: Symbol.for('kandelo.HostProcessRunner'),
  /** host/host-services.ts KernelLog. */
  KernelLog: Symbol.for('kandelo.KernelLog'),
  /** host/host-services.ts KernelConfig. */
  KernelConfig: Symbol.for('kandelo.KernelConfig'),
  /** Service offered by sys-fs: the VFS used to open files at exec and by other subsystems. */
  Vfs: Symbol.for('kandelo.Vfs'),
} as const;
