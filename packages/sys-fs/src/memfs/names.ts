import { E, PATH_MAX } from '@kandelo/kernel-core';

/** Longest name of a directory entry, in bytes (statfs f_namelen). */
export const NAME_MAX = 255;

const encoder = new TextEncoder();

/** UTF-8 length of a string: names and link targets are measured in bytes, as the ABI sees them. */
export function utf8Length(s: string): number {
  // Pure ASCII (the common case) is one byte per unit and needs no encoding.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return encoder.encode(s).length;
  return s.length;
}

/** ENAMETOOLONG for an entry name over NAME_MAX bytes (the VFS has already excluded "", ".", ".." and "/"). */
export function checkName(name: string): void {
  // A UTF-16 unit is at least one UTF-8 byte: a long string is too long without measuring.
  if (name.length > NAME_MAX || (name.length > NAME_MAX / 3 && utf8Length(name) > NAME_MAX)) {
    throw E.ENAMETOOLONG;
  }
}

/** A symlink target must be non-empty and, with its NUL, fit a page (ENOENT / ENAMETOOLONG as Linux). */
export function checkTarget(target: string): void {
  if (target.length === 0) throw E.ENOENT;
  if (target.length >= PATH_MAX || utf8Length(target) >= PATH_MAX) throw E.ENAMETOOLONG;
}
