import { E } from '@kandelo/kernel-core';
import type { FileSystem, Inode } from './inode.js';
import { Mount, type MountFlags, nodeKey } from './mount.js';

/**
 * Every mount, indexed by where it sits: (parent mount, mount-point node). Mounting on an
 * occupied point stacks the new mount on top; unmounting uncovers the one below.
 */
export class MountTable {
  private readonly byPoint = new Map<string, Mount[]>();
  private readonly all: Mount[] = [];
  private nextId = 1;
  root!: Mount;

  setRoot(fs: FileSystem, source: string, flags: MountFlags): Mount {
    if (this.all.length) throw new Error('the root is mounted already');
    this.root = new Mount(this.nextId++, fs, fs.root, undefined, undefined, '/', flags, source);
    this.all.push(this.root);
    return this.root;
  }

  /** The mount on top of `node` seen in `parent`, if any. */
  at(parent: Mount, node: Inode): Mount | undefined {
    const stack = this.byPoint.get(`${parent.id}/${nodeKey(node)}`);
    return stack?.[stack.length - 1];
  }

  mount(parent: Mount, point: Inode, path: string, fs: FileSystem, root: Inode, flags: MountFlags, source: string): Mount {
    const m = new Mount(this.nextId++, fs, root, parent, point, path, flags, source);
    const key = `${parent.id}/${nodeKey(point)}`;
    const stack = this.byPoint.get(key) ?? [];
    stack.push(m);
    this.byPoint.set(key, stack);
    this.all.push(m);
    return m;
  }

  /** Removes `m`: EINVAL for the root, EBUSY while something is mounted inside it. */
  unmount(m: Mount): void {
    if (!m.parent || !m.mountpoint) throw E.EINVAL;
    if (this.all.some((o) => o.parent === m)) throw E.EBUSY;
    const key = `${m.parent.id}/${nodeKey(m.mountpoint)}`;
    const stack = this.byPoint.get(key)!;
    stack.splice(stack.indexOf(m), 1);
    if (!stack.length) this.byPoint.delete(key);
    this.all.splice(this.all.indexOf(m), 1);
  }

  /** Mounts in mount order (for /proc/mounts). */
  list(): readonly Mount[] {
    return this.all;
  }
}
