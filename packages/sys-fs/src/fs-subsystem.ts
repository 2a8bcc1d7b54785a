import { inject, injectable } from 'tsyringe';
import {
  type HostConsole, type HostRandom, type Kernel, type KernelConfig, OpenFile, O, type Subsystem, type SyscallEntry,
  TOKENS,
} from '@kandelo/kernel-core';
import { ConsoleFiles } from './files/console-file.js';
import { PipeFs } from './files/pipe-fs.js';
import { controlSyscalls } from './syscalls/control.js';
import { dirSyscalls } from './syscalls/dirs.js';
import { fileSyscalls } from './syscalls/files.js';
import { pipeSyscalls } from './syscalls/pipe2.js';
import { randomSyscalls } from './syscalls/getrandom.js';
import { plannedFsSyscalls } from './syscalls/planned.js';
import { readWriteSyscalls } from './syscalls/read-write.js';
import type { Vfs } from './vfs/vfs.js';

/** @kandelo/sys-fs: files, directories, pipes and the host's standard streams. */
@injectable()
export class FsSubsystem implements Subsystem {
  readonly name = '@kandelo/sys-fs';
  readonly syscalls: readonly SyscallEntry[];

  constructor(
    @inject(TOKENS.Kernel) kernel: Kernel,
    @inject(TOKENS.Vfs) vfs: Vfs,
    @inject(TOKENS.HostConsole) console: HostConsole,
    @inject(TOKENS.HostRandom) random: HostRandom,
    @inject(TOKENS.KernelConfig) config: KernelConfig,
  ) {
    this.syscalls = [
      ...readWriteSyscalls(), ...fileSyscalls(vfs), ...dirSyscalls(vfs), ...controlSyscalls(), ...randomSyscalls(random),
      ...pipeSyscalls(new PipeFs(kernel)), ...plannedFsSyscalls(),
    ];
    const stdio = new ConsoleFiles(console);
    const ops = [stdio.ops(0), stdio.ops(1), stdio.ops(2)] as const;
    // A process spawned by the host gets the host's stdio and the configured cwd.
    kernel.onSpawn((p) => {
      p.cwd = config.cwd;
      p.fds.set(0, new OpenFile(ops[0], O.RDONLY, '/dev/stdin'));
      p.fds.set(1, new OpenFile(ops[1], O.WRONLY, '/dev/stdout'));
      p.fds.set(2, new OpenFile(ops[2], O.WRONLY, '/dev/stderr'));
    });
  }
}
