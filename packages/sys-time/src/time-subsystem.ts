import { inject, injectable } from 'tsyringe';
import { type HostClock, type Kernel, type KernelConfig, type Subsystem, type SyscallEntry, TOKENS } from '@kandelo/kernel-core';
import { clockSyscalls } from './clocks.js';
import { plannedTimeSyscalls } from './planned.js';
import { itimerSyscalls } from './itimers.js';
import { posixTimerSyscalls } from './posix-timers.js';
import { schedSyscalls } from './sched.js';
import { sleepSyscalls } from './sleep.js';
import { timerfdSyscalls } from './timerfd.js';

/** @kandelo/sys-time: clocks and sleeps (timers arrive with the signals-and-time issue). */
@injectable()
export class TimeSubsystem implements Subsystem {
  readonly name = '@kandelo/sys-time';
  readonly syscalls: readonly SyscallEntry[];

  constructor(
    @inject(TOKENS.HostClock) clock: HostClock,
    @inject(TOKENS.Kernel) kernel: Kernel,
    @inject(TOKENS.KernelConfig) config: KernelConfig,
  ) {
    this.syscalls = [
      ...clockSyscalls(kernel), ...sleepSyscalls(clock), ...itimerSyscalls(kernel, clock), ...schedSyscalls(kernel, config),
      ...posixTimerSyscalls(kernel, clock), ...timerfdSyscalls(clock), ...plannedTimeSyscalls(),
    ];
  }
}
