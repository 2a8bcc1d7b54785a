import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import type { KernelLog } from '../host/host-services.js';
import type { Subsystem } from '../plugin/subsystem.js';
import { TOKENS } from '../plugin/tokens.js';
import { ProcessTable } from '../process/process-table.js';
import { SyscallRouter } from '../router/syscall-router.js';
import { Kernel } from './kernel.js';

/** A sys-* package's registration function: registers its Subsystem (and services) in `c`. */
export type SubsystemRegistrar = (c: DependencyContainer) => void;

/** A named set of subsystems: what a kernel is made of. */
export interface Profile {
  readonly name: string;
  readonly subsystems: readonly SubsystemRegistrar[];
}

export interface CreateKernelOptions {
  /** Registrars of the subsystems to include; syscalls of the others answer ENOSYS. */
  readonly subsystems: readonly SubsystemRegistrar[];
  /** A container holding the host services (the host's composition root). */
  readonly container?: DependencyContainer;
}

/** Registers kernel-core's own services. */
export function registerKernelCore(c: DependencyContainer): void {
  c.registerInstance(TOKENS.ProcessTable, new ProcessTable());
  c.registerSingleton(TOKENS.Kernel, Kernel);
}

/**
 * Builds a kernel from subsystem plugins: a child container over the host's, kernel-core
 * services, each subsystem's registrar, then the router compiled once from every Subsystem.
 */
export function createKernel(opts: CreateKernelOptions): Kernel {
  return composeKernel(opts).kernel;
}

/** createKernel, also giving the kernel's container (a host resolves services from it, e.g. the VFS). */
export function composeKernel(opts: CreateKernelOptions): { kernel: Kernel; container: DependencyContainer } {
  const c = (opts.container ?? rootContainer).createChildContainer();
  registerKernelCore(c);
  for (const register of opts.subsystems) register(c);
  const kernel = c.resolve<Kernel>(TOKENS.Kernel);
  const subsystems = c.isRegistered(TOKENS.Subsystem) ? c.resolveAll<Subsystem>(TOKENS.Subsystem) : [];
  kernel.attachRouter(new SyscallRouter(subsystems, c.resolve<KernelLog>(TOKENS.KernelLog)));
  return { kernel, container: c };
}
