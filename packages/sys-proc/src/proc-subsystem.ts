import { inject, injectable } from 'tsyringe';
import { type Kernel, type KernelConfig, type Subsystem, type SyscallEntry, TOKENS } from '@kandelo/kernel-core';
import { exitSyscalls } from './exit.js';
import { idSyscalls } from './ids.js';
import { signalSyscalls } from './signal-dispositions.js';
import { unameSyscalls } from './uname.js';

/** @kandelo/sys-proc: process lifecycle. */
@injectable()
export class ProcSubsystem implements Subsystem {
  readonly name = '@kandelo/sys-proc';
  readonly syscalls: readonly SyscallEntry[];

  constructor(
    @inject(TOKENS.Kernel) kernel: Kernel,
    @inject(TOKENS.KernelConfig) config: KernelConfig,
  ) {
    this.syscalls = [...exitSyscalls(kernel), ...idSyscalls(), ...unameSyscalls(config), ...signalSyscalls(kernel)];
  }
}
