import { E, PATH_MAX, S } from '@kandelo/kernel-core';
import type { Caller, Inode } from './inode.js';
import type { Mount } from './mount.js';
import { nodeKey } from './mount.js';
import type { MountTable } from './mount-table.js';
import { checkAccess, MAY } from './permission.js';

/** Linux's limit on symlinks followed in one resolution (MAXSYMLINKS). */
export const MAX_SYMLINKS = 40;
export const NAME_MAX = 255;

/** One directory (or the final node) on a resolved path: where it is and the name it was reached by. */
export interface Step {
  readonly mnt: Mount;
  readonly node: Inode;
  readonly name: string;
}

/** A resolved path: the steps from the kernel's root; ".." pops one. */
export type Stack = Step[];

export type WalkMode = 'follow' | 'nofollow' | 'parent';

/**
 * Where a walk starts: `path` relative to the directory `from` (a dirfd's or the cwd's resolved
 * place), or, without `from`, an absolute kernel path. A plain string is the latter.
 */
export interface At {
  readonly from?: Stack;
  readonly path: string;
}

export interface Walked {
  readonly stack: Stack;
  /** In 'parent' mode: the last component, unresolved (undefined for "/"). */
  readonly last?: string;
  /** The path ended with "/" (the final node must be a directory). */
  readonly trailingSlash: boolean;
}

const isDir = (n: Inode): boolean => (n.stat().mode & S.IFMT) === S.IFDIR;
const isLink = (n: Inode): boolean => (n.stat().mode & S.IFMT) === S.IFLNK;

/** The kernel path a stack stands for. */
export const pathOf = (stack: Stack): string => (stack.length <= 1 ? '/' : stack.slice(1).map((s) => `/${s.name}`).join(''));
export const top = (stack: Stack): Step => stack[stack.length - 1]!;
const same = (a: Step, b: Step): boolean => a.mnt === b.mnt && nodeKey(a.node) === nodeKey(b.node);

/**
 * Path resolution as Linux's namei does it: component by component from the kernel's root,
 * crossing mounts, following symlinks (absolute targets start at the caller's root, at most 40
 * of them), ".." never climbing above the caller's root, search permission on every directory.
 */
export class PathWalker {
  constructor(private readonly mounts: MountTable) {}

  rootStack(): Stack {
    const m = this.mounts.root;
    return [{ mnt: m, node: m.root, name: '' }];
  }

  /** The step on top of `node` once mounts on it are crossed. */
  private cross(step: Step): Step {
    let s = step;
    for (let m = this.mounts.at(s.mnt, s.node); m; m = this.mounts.at(s.mnt, s.node)) s = { mnt: m, node: m.root, name: s.name };
    return s;
  }

  /**
   * Resolves the kernel path `abs` for `c`, whose root is `root` (a canonical kernel path).
   * 'follow' follows a final symlink, 'nofollow' stops at it, 'parent' stops before the last
   * component and returns it in `last`.
   */
  walk(c: Caller, root: string, at: At | string, mode: WalkMode): Walked {
    const { from, path: abs } = typeof at === 'string' ? { from: undefined, path: at } : at;
    if (abs.length >= PATH_MAX) throw E.ENAMETOOLONG;
    if (abs === '') throw E.ENOENT;
    let rootStack: Stack | undefined;
    const procRoot = (): Stack => (rootStack ??= root === '/' ? this.rootStack() : this.walk(KERNEL, '/', root, 'nofollow').stack);
    let stack = from && !abs.startsWith('/') ? [...from] : this.rootStack();
    let trailing = abs.endsWith('/');
    const queue = abs.split('/').filter((s) => s !== '').reverse();
    let links = 0;
    while (queue.length) {
      const name = queue.pop()!;
      const last = queue.length === 0;
      const cur = top(stack);
      if (!isDir(cur.node)) throw E.ENOTDIR;
      if (c.uid !== 0) checkAccess(cur.node.stat(), c, MAY.EXEC);
      if (last && mode === 'parent') return { stack, last: name, trailingSlash: trailing };
      if (name === '.') continue;
      if (name === '..') {
        if (stack.length > 1 && !same(cur, top(procRoot()))) stack.pop();
        continue;
      }
      if (name.length > NAME_MAX) throw E.ENAMETOOLONG;
      const child = cur.node.lookup?.(name, c);
      if (!child) throw E.ENOENT;
      const step = this.cross({ mnt: cur.mnt, node: child, name });
      if (step.node === child && isLink(child) && (!last || mode === 'follow' || trailing)) {
        if (++links > MAX_SYMLINKS) throw E.ELOOP;
        if (child.follow) {
          stack.push({ mnt: cur.mnt, node: child.follow(c), name });
          continue;
        }
        const target = child.readlink?.(c) ?? '';
        if (target === '') throw E.ENOENT;
        if (target.startsWith('/')) stack = [...procRoot()];
        if (last && target.endsWith('/')) trailing = true;
        for (const seg of target.split('/').filter((s) => s !== '').reverse()) queue.push(seg);
        continue;
      }
      stack.push(step);
    }
    if (mode !== 'parent' && trailing && !isDir(top(stack).node)) throw E.ENOTDIR;
    return { stack, trailingSlash: trailing };
  }
}

/** The kernel itself: no permission checks, no process. */
export const KERNEL: Caller = { uid: 0, gid: 0, groups: [] };
