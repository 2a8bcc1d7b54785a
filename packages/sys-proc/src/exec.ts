import {
  AT, E, Errno, ForeignModuleError, full, type Kernel, type LoadedImage, NO_REPLY, PARK, type SyscallEntry,
  type Thread, type VfsService,
} from '@kandelo/kernel-core';
import { locate, type ProgramFs, resolveProgram } from './program-loader.js';

/**
 * Loads a program for exec/spawn; foreign or broken modules are ENOEXEC. Relative paths start at
 * `cwd` (a path from `dirfd`; spawn's chdir actions), else at `dirfd`.
 */
export async function loadProgram(kernel: Kernel, vfs: VfsService, t: Thread, dirfd: number, path: string,
  argv: string[], envp: string[], search: boolean, cwd = ''): Promise<LoadedImage> {
  const p = t.process;
  const from = (path: string) => (cwd && !path.startsWith('/') ? `${cwd}/${path}` : path);
  const fs: ProgramFs = {
    resolve: (path) => vfs.resolveAt(p, from(path).startsWith('/') ? AT.FDCWD : dirfd, from(path)),
    stat: (abs) => vfs.stat(p, abs, true),
    readFile: (abs, limit) => vfs.readFile(p, abs, limit),
    contentKey: (abs) => vfs.contentKey(p, abs),
  };
  const abs = locate(fs, path, envp, search);
  const spec = resolveProgram(fs, { abs, given: path, argv, envp });
  try {
    return await kernel.load({ ...spec, trace: t.process.trace });
  } catch (err) {
    if (err instanceof Errno) throw err;
    if (err instanceof ForeignModuleError || err instanceof WebAssembly.CompileError) throw E.ENOEXEC;
    throw err;
  }
}

/** execve and execveat: the pid is kept; see Kernel.exec for what is reset. */
export function execSyscalls(kernel: Kernel, vfs: VfsService): SyscallEntry[] {
  const exec = (t: Thread, dirfd: number, pathp: number, argvp: number, envpp: number, flags: number): number => {
    if (flags & ~(AT.SYMLINK_NOFOLLOW | AT.EMPTY_PATH)) throw E.EINVAL;
    const r = t.awaitAsync('exec', () => {
      const m = t.process.memory;
      const path = m.cstring(pathp);
      const argv = m.cstringArray(argvp);
      const envp = m.cstringArray(envpp);
      return loadProgram(kernel, vfs, t, dirfd, path, argv, envp, false);
    });
    if (!r) return PARK;
    kernel.exec(t, r.value);
    return NO_REPLY;
  };
  return [
    full('execve', (t, path, argv, envp) => exec(t, AT.FDCWD, path, argv, envp, 0)),
    full('execveat', (t, dirfd, path, argv, envp, flags) => exec(t, dirfd, path, argv, envp, flags)),
  ];
}
