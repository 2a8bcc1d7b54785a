import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The root filesystem image `kandelo sh` boots when given no --root: $KANDELO_ROOTFS, else
 * rootfs.img in the kandelo cache (`npm run ports` points it at the image holding every port).
 */
export function defaultRootfsPath(): string {
  if (process.env.KANDELO_ROOTFS) return process.env.KANDELO_ROOTFS;
  const cache = process.env.KANDELO_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kandelo');
  return join(cache, 'rootfs.img');
}
