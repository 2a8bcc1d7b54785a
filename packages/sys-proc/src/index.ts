import type { DependencyContainer } from 'tsyringe';
import { TOKENS } from '@kandelo/kernel-core';
import { ProcSubsystem } from './proc-subsystem.js';

export { ProcSubsystem };
export { UTS } from './uname.js';

/** Adds sys-proc to a kernel being composed. */
export function registerSysProc(c: DependencyContainer): void {
  c.register(TOKENS.Subsystem, { useClass: ProcSubsystem });
}
