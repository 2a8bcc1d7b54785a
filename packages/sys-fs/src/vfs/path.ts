import { E, PATH_MAX } from '@kandelo/kernel-core';

/**
 * Joins `path` onto `base` and removes ".", ".." and repeated slashes (lexically: symlink-aware
 * resolution arrives with the full VFS). Returns an absolute path without a trailing slash.
 */
export function normalizePath(base: string, path: string): string {
  if (path.length === 0) throw E.ENOENT;
  if (path.length >= PATH_MAX) throw E.ENAMETOOLONG;
  const parts: string[] = [];
  const full = path.startsWith('/') ? path : `${base}/${path}`;
  for (const seg of full.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg.length > 255) throw E.ENAMETOOLONG;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** The parent directory and last component of an absolute normalized path. */
export function splitPath(abs: string): [dir: string, name: string] {
  const i = abs.lastIndexOf('/');
  return [i <= 0 ? '/' : abs.slice(0, i), abs.slice(i + 1)];
}
