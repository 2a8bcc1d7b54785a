import { E } from '@kandelo/kernel-core';
import { host } from '../files/host-error.js';
import type { Caller, OpenResult } from '../vfs/inode.js';
import { HostInode } from './host-inode.js';

/**
 * A symlink of a host mount. Its target is only text for the VFS, which resolves it in guest
 * space (an absolute target from the guest root): hostfs itself never follows it.
 */
export class HostSymlink extends HostInode {
  readlink(_c?: Caller): string {
    const path = this.where();
    return host(() => this.fs.host.readlink(path));
  }

  /** open(O_NOFOLLOW) of a symlink: the VFS follows links before opening, so this is a defence. */
  open(_flags: number, _c?: Caller): OpenResult {
    throw E.ELOOP;
  }
}
