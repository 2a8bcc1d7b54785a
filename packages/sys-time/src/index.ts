import type { DependencyContainer } from 'tsyringe';
import { TOKENS } from '@kandelo/kernel-core';
import { TimeSubsystem } from './time-subsystem.js';

export { TimeSubsystem };
export { readClock } from './clocks.js';

/** Adds sys-time to a kernel being composed. */
export function registerSysTime(c: DependencyContainer): void {
  c.register(TOKENS.Subsystem, { useClass: TimeSubsystem });
}
