import type { DependencyContainer } from 'tsyringe';
import { TOKENS } from '@kandelo/kernel-core';
import { PtySubsystem } from './pty-subsystem.js';

export { PtySubsystem };
export { ConsolePty } from './console-pty.js';
export { DevPtsFs, DEVPTS_SUPER_MAGIC, PTY_MAX } from './devpts-fs.js';
export { INPUT_MAX, LineDiscipline } from './line-discipline.js';
export { OutputQueue } from './output-queue.js';
export { OUTPUT_MAX, Pty, type WinSize } from './pty.js';
export { defaultTermios, type Termios } from './termios.js';

/** Adds sys-pty to a kernel being composed (after sys-fs, whose VFS it mounts devpts in). */
export function registerSysPty(c: DependencyContainer): void {
  c.register(TOKENS.Subsystem, { useClass: PtySubsystem });
}
