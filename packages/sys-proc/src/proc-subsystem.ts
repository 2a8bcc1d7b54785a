import { inject, injectable } from 'tsyringe';
import {
  type Kernel, type KernelConfig, type Subsystem, type SyscallEntry, TOKENS, type VfsService,
} from '@kandelo/kernel-core';
import { execSyscalls } from './exec.js';
import { exitSyscalls } from './exit.js';
import { forkCloneSyscalls } from './fork-clone.js';
import { FutexTable, futexSyscalls } from './futex.js';
import { groupSyscalls } from './groups.js';
import { credentialSyscalls } from './credentials.js';
import { idSyscalls } from './ids.js';
import { plannedProcSyscalls } from './planned.js';
import { rlimitSyscalls } from './rlimits.js';
import { signalSyscalls } from './signal-dispositions.js';
import { signalfdSyscalls } from './signalfd.js';
import { sigaltstackSyscalls } from './sigaltstack.js';
import { signalWaitSyscalls } from './signal-waits.js';
import { spawnSyscalls } from './spawn.js';
import { unameSyscalls } from './uname.js';
import { prioritySyscalls } from './priority.js';
import { prctlSyscalls } from './prctl.js';
import { waitSyscalls } from './wait.js';

/** @kandelo/sys-proc: process lifecycle. */
@injectable()
export class ProcSubsystem implements Subsystem {
  readonly name = '@kandelo/sys-proc';
  readonly syscalls: readonly SyscallEntry[];

  constructor(
    @inject(TOKENS.Kernel) kernel: Kernel,
    @inject(TOKENS.KernelConfig) config: KernelConfig,
    @inject(TOKENS.Vfs) vfs: VfsService,
  ) {
    this.syscalls = [
      ...exitSyscalls(kernel), ...idSyscalls(), ...credentialSyscalls(), ...unameSyscalls(config), ...signalSyscalls(kernel),
      ...forkCloneSyscalls(kernel), ...execSyscalls(kernel, vfs), ...spawnSyscalls(kernel, vfs), ...waitSyscalls(kernel),
      ...groupSyscalls(kernel), ...prioritySyscalls(kernel), ...prctlSyscalls(), ...rlimitSyscalls(kernel), ...futexSyscalls(kernel, new FutexTable()),
      ...signalWaitSyscalls(kernel), ...signalfdSyscalls(), ...sigaltstackSyscalls(), ...plannedProcSyscalls(),
    ];
  }
}
