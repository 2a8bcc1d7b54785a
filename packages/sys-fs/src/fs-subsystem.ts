import { inject, injectable } from 'tsyringe';
import {
  type HostClock, type HostConsole, type HostRandom, type Kernel, type KernelConfig, OpenFile, O, type Subsystem,
  type SyscallEntry, TOKENS, full,
} from '@kandelo/kernel-core';
import { ConsoleFiles } from './files/console-file.js';
import { FifoRegistry } from './files/fifo.js';
import { PipeFs } from './files/pipe-fs.js';
import { flock, LockManager } from './locks/index.js';
import { MemFs } from './memfs/index.js';
import { controlSyscalls } from './syscalls/control.js';
import { dirSyscalls } from './syscalls/dirs.js';
import { fdExtraSyscalls } from './syscalls/fd-extras.js';
import { mountSyscalls } from './syscalls/mount.js';
import { namespaceSyscalls } from './syscalls/namespace.js';
import { openCloseSyscalls } from './syscalls/open-close.js';
import { pipeSyscalls } from './syscalls/pipe2.js';
import { pollSyscalls } from './syscalls/poll.js';
import { plannedFsSyscalls } from './syscalls/planned.js';
import { randomSyscalls } from './syscalls/getrandom.js';
import { readWriteSyscalls } from './syscalls/read-write.js';
import { socketFdSyscalls } from './syscalls/socket-fds.js';
import { statSyscalls } from './syscalls/stat.js';
import { transferSyscalls } from './syscalls/transfer.js';
import { NamespaceOps } from './vfs/namespace-ops.js';
import type { Vfs } from './vfs/vfs.js';

/** @kandelo/sys-fs: the VFS and its syscalls, pipes, and the host's standard streams. */
@injectable()
export class FsSubsystem implements Subsystem {
  readonly name = '@kandelo/sys-fs';
  readonly syscalls: readonly SyscallEntry[];

  constructor(
    @inject(TOKENS.Kernel) kernel: Kernel,
    @inject(TOKENS.Vfs) vfs: Vfs,
    @inject(TOKENS.HostConsole) console: HostConsole,
    @inject(TOKENS.HostRandom) random: HostRandom,
    @inject(TOKENS.HostClock) clock: HostClock,
    @inject(TOKENS.KernelConfig) config: KernelConfig,
  ) {
    const ns = new NamespaceOps(vfs);
    const locks = new LockManager();
    vfs.setHooks(locks);
    vfs.fifos = new FifoRegistry(kernel, locks);
    const now = () => clock.realtimeNs();
    const makeFs = (type: string) => {
      if (type === 'tmpfs') return new MemFs({ dev: vfs.allocDev(), now, rootMode: 0o1777 });
      return undefined;
    };
    this.syscalls = [
      ...readWriteSyscalls(), ...openCloseSyscalls(vfs, ns), ...statSyscalls(vfs), ...namespaceSyscalls(vfs, ns, now),
      ...dirSyscalls(vfs), ...controlSyscalls(locks), ...pollSyscalls(kernel), ...randomSyscalls(random), ...pipeSyscalls(new PipeFs(kernel)),
      ...transferSyscalls(), ...mountSyscalls(vfs, makeFs), ...plannedFsSyscalls(), ...socketFdSyscalls(),
      ...fdExtraSyscalls(vfs, new MemFs({ dev: vfs.allocDev(), now, type: 'memfd' })),
      full('flock', (t, fd, op) => flock(locks, t, t.process.fds.get(fd), op)),
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
