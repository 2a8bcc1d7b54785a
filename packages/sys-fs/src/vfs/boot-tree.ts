import type { HostClock, HostFileSystem, HostRandom, KernelConfig } from '@kandelo/kernel-core';
import { DevFs } from '../devfs/index.js';
import { HostFs } from '../hostfs/index.js';
import { buildImage, ImageFs } from '../imagefs/index.js';
import { MemFs } from '../memfs/index.js';
import { OverlayFs } from '../overlay/index.js';
import { defaultRootTree } from '../rootfs/default-tree.js';
import type { Caller, FileSystem } from './inode.js';
import { KERNEL } from './path-walk.js';
import type { Vfs } from './vfs.js';
import { S } from '@kandelo/kernel-core';

export interface BootDeps {
  readonly clock: HostClock;
  readonly random: HostRandom;
  readonly hostFs: HostFileSystem | undefined;
  readonly config: KernelConfig;
  /** Makes procfs for this VFS (it needs the kernel's process table). */
  readonly procfs: (dev: number) => FileSystem;
  /** Changes between syscalls (see HostFsOptions.epoch). */
  readonly epoch?: () => number;
}

/** mkdir -p in the kernel's name, for mount points of host directories. */
function ensureDir(vfs: Vfs, path: string): void {
  let stack = vfs.walker.rootStack();
  for (const name of path.split('/').filter(Boolean)) {
    const dir = stack[stack.length - 1]!;
    let next = vfs.child(dir, name, KERNEL);
    if (!next) {
      const node = dir.node.create!(name, { mode: S.IFDIR | 0o755 }, KERNEL);
      next = { mnt: dir.mnt, node, name };
    }
    stack = [...stack, next];
  }
}

/**
 * The tree every profile boots with: the root (an image under a copy-up overlay), /dev with
 * /dev/shm, /proc, a tmpfs /tmp, and the configured host directories.
 */
export function mountBootTree(vfs: Vfs, d: BootDeps): void {
  const now = () => d.clock.realtimeNs();
  const image = d.config.rootImage ?? buildImage(defaultRootTree());
  const lower = new ImageFs(image, { dev: vfs.allocDev() });
  const upper = new MemFs({ dev: vfs.allocDev(), now });
  // Named as a container's overlay root is ("overlay / overlay"): df and others take a source
  // named rootfs for Linux's initramfs type and skip it.
  vfs.mountRoot(new OverlayFs(lower, upper, { dev: vfs.allocDev(), now }), 'overlay');
  for (const p of ['/dev', '/proc', '/tmp']) ensureDir(vfs, p);
  // /dev/tty: the caller's controlling terminal (set by a terminal subsystem such as sys-pty).
  const controllingTty = (c: Caller, flags: number) => c.process?.ctty?.reopen(flags);
  const dev = new DevFs({ dev: vfs.allocDev(), random: d.random, clock: d.clock, controllingTty });
  vfs.mountAt('/dev', dev, 'devtmpfs', { readonly: false, nosuid: true });
  vfs.mountAt('/dev/shm', new MemFs({ dev: vfs.allocDev(), now, rootMode: 0o1777 }), 'shm', { readonly: false, nosuid: true, nodev: true });
  vfs.mountAt('/proc', d.procfs(vfs.allocDev()), 'proc', { readonly: false, nosuid: true, nodev: true, noexec: true });
  vfs.mountAt('/tmp', new MemFs({ dev: vfs.allocDev(), now, rootMode: 0o1777 }), 'tmpfs', { readonly: false, nosuid: true, nodev: true });
  for (const m of d.config.mounts) {
    if (!d.hostFs) throw new Error('this host has no host filesystem to mount');
    ensureDir(vfs, m.guest);
    const fs = new HostFs(d.hostFs, m.host, { dev: vfs.allocDev(), readonly: m.readonly, epoch: d.epoch });
    vfs.mountAt(m.guest, fs, m.host, { readonly: m.readonly ?? false });
  }
}
