import { type DependencyContainer, instanceCachingFactory } from 'tsyringe';
import {
  type HostClock, type HostFileSystem, type HostRandom, type Kernel, type KernelConfig, TOKENS,
} from '@kandelo/kernel-core';
import { FsSubsystem } from './fs-subsystem.js';
import { ProcFs } from './procfs/index.js';
import { mountBootTree } from './vfs/boot-tree.js';
import { kernelProcSource } from './vfs/kernel-proc-source.js';
import { Vfs } from './vfs/vfs.js';

export { FsSubsystem, Vfs };
export type { Caller, DirEntry, FileHandle, FileSystem, FsStats, Inode, NewNode, OpenResult, SetAttr } from './vfs/inode.js';
export { inodeOf } from './vfs/inode.js';
export { DT, dtype } from './vfs/dtype.js';
export { Mount, type MountFlags } from './vfs/mount.js';
export { MountTable } from './vfs/mount-table.js';
export { MemFs } from './memfs/index.js';
export { HostFs } from './hostfs/index.js';
export * from './imagefs/index.js';
export * from './overlay/index.js';
export * from './locks/index.js';
export { DevChar, DevDir, DevFs, type DevFsContext, makeDev } from './devfs/index.js';
export { ProcFs, type ProcSource } from './procfs/index.js';
export { FifoRegistry } from './files/fifo.js';
export { defaultRootTree } from './rootfs/default-tree.js';
export { Pipe, PIPE_BUF, PIPE_DEFAULT_SIZE, PIPE_MAX_SIZE } from './files/pipe.js';
export { PipeFs, type PipeKernel } from './files/pipe-fs.js';
export { PIPEFS_DEV, pipeOf } from './files/pipe-file.js';

/** Adds sys-fs to a kernel being composed: the VFS with the boot tree mounted, and the subsystem. */
export function registerSysFs(c: DependencyContainer): void {
  c.register(TOKENS.Vfs, {
    useFactory: instanceCachingFactory((r) => {
      const hostFs = r.isRegistered(TOKENS.HostFileSystem, true) ? r.resolve<HostFileSystem>(TOKENS.HostFileSystem) : undefined;
      const clock = r.resolve<HostClock>(TOKENS.HostClock);
      const config = r.resolve<KernelConfig>(TOKENS.KernelConfig);
      const vfs = new Vfs();
      // procfs and hostfs read the kernel lazily: the kernel is composed after the VFS.
      let k: Kernel | undefined;
      const kernel = () => (k ??= r.resolve<Kernel>(TOKENS.Kernel));
      const source = kernelProcSource(kernel, vfs, config.cpus ?? 2);
      mountBootTree(vfs, {
        clock, random: r.resolve<HostRandom>(TOKENS.HostRandom), hostFs, config,
        procfs: (dev) => new ProcFs({ dev, source }), epoch: () => kernel().calls,
      });
      return vfs;
    }),
  });
  c.register(TOKENS.Subsystem, { useClass: FsSubsystem });
}
