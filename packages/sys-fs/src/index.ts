import { type DependencyContainer, instanceCachingFactory } from 'tsyringe';
import { type HostFileSystem, type KernelConfig, TOKENS } from '@kandelo/kernel-core';
import { FsSubsystem } from './fs-subsystem.js';
import { Vfs } from './vfs/vfs.js';

export { FsSubsystem, Vfs };
export { normalizePath, splitPath } from './vfs/path.js';
export { MountTable, type Mount } from './vfs/mount-table.js';
export { Pipe, PIPE_BUF, PIPE_DEFAULT_SIZE, PIPE_MAX_SIZE } from './files/pipe.js';
export { PipeFs, type PipeKernel } from './files/pipe-fs.js';
export { PIPEFS_DEV, pipeOf } from './files/pipe-file.js';

/** Adds sys-fs to a kernel being composed: the VFS (with the configured host mounts) and the subsystem. */
export function registerSysFs(c: DependencyContainer): void {
  c.register(TOKENS.Vfs, {
    useFactory: instanceCachingFactory((r) => {
      const fs = r.isRegistered(TOKENS.HostFileSystem, true) ? r.resolve<HostFileSystem>(TOKENS.HostFileSystem) : undefined;
      const vfs = new Vfs(fs);
      for (const m of r.resolve<KernelConfig>(TOKENS.KernelConfig).mounts) vfs.mountHost(m.guest, m.host, m.readonly);
      return vfs;
    }),
  });
  c.register(TOKENS.Subsystem, { useClass: FsSubsystem });
}
