import { type DependencyContainer, instanceCachingFactory } from 'tsyringe';
import { E, type Kernel, type KernelConfig, TOKENS, type VfsService } from '@kandelo/kernel-core';
import { ProcSubsystem } from './proc-subsystem.js';

export { ProcSubsystem };
export { UTS } from './uname.js';

/** Stands in for the filesystem in a kernel composed without sys-fs: exec and spawn get ENOSYS. */
const NO_FS: VfsService = {
  resolveAt: () => { throw E.ENOSYS; },
  open: () => { throw E.ENOSYS; },
  stat: () => { throw E.ENOSYS; },
  contentKey: () => { throw E.ENOSYS; },
  readFile: () => { throw E.ENOSYS; },
  chdir: () => { throw E.ENOSYS; },
  chdirTo: () => { throw E.ENOSYS; },
};

/** Adds sys-proc to a kernel being composed. Uses sys-fs's Vfs when the profile has it. */
export function registerSysProc(c: DependencyContainer): void {
  c.register(TOKENS.Subsystem, {
    useFactory: instanceCachingFactory((r) => new ProcSubsystem(
      r.resolve<Kernel>(TOKENS.Kernel),
      r.resolve<KernelConfig>(TOKENS.KernelConfig),
      r.isRegistered(TOKENS.Vfs, true) ? r.resolve<VfsService>(TOKENS.Vfs) : NO_FS,
    )),
  });
}
