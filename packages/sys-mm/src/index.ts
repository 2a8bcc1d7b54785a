import type { DependencyContainer } from 'tsyringe';
import { TOKENS } from '@kandelo/kernel-core';
import { MmSubsystem } from './mm-subsystem.js';

export { MmSubsystem };

/** Adds sys-mm to a kernel being composed. */
export function registerSysMm(c: DependencyContainer): void {
  c.register(TOKENS.Subsystem, { useClass: MmSubsystem });
}
