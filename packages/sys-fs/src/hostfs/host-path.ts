import { E } from '@kandelo/kernel-core';

/**
 * Refuses a name that is not a single path component. The VFS never passes these ("." and ".."
 * are resolved on its walk stack, "/" splits components), so this is a defence: whatever reaches
 * the host is one plain name below a directory hostfs has checked.
 */
export function checkName(name: string): void {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) throw E.EINVAL;
}

/** The host path of `name` in the host directory `dir` (an absolute, checked host path). */
export function childPath(dir: string, name: string): string {
  checkName(name);
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}
