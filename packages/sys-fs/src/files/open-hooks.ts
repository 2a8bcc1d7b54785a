import type { FdTable, OpenFile } from '@kandelo/kernel-core';

/** What the VFS wants to hear about descriptions of its files (advisory locks live here). */
export interface OpenHooks {
  /** A descriptor of `f` was closed by `fds` (POSIX record locks of that owner go). */
  closed(f: OpenFile, fds: FdTable): void;
  /** The description's last reference went (OFD and flock locks go). */
  released(f: OpenFile): void;
}

export const NO_HOOKS: OpenHooks = { closed: () => {}, released: () => {} };
