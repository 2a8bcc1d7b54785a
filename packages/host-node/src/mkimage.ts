import { defaultRootTree, type ImageTree, type ImageTreeNode } from '@kandelo/sys-fs';

/** `over` laid on `base`: directories merge, anything else in `over` replaces what `base` had. */
export function mergeTrees(base: ImageTree, over: ImageTree): ImageTree {
  const entries = new Map<string, ImageTreeNode>(Object.entries(base.entries instanceof Map ? Object.fromEntries(base.entries) : base.entries));
  const add = over.entries instanceof Map ? [...over.entries] : Object.entries(over.entries);
  for (const [name, node] of add) {
    const was = entries.get(name);
    entries.set(name, was?.kind === 'dir' && node.kind === 'dir' ? mergeTrees(was, node) : node);
  }
  return { ...over, entries };
}

/** The default rootfs (FHS layout, /etc basics) with `tree` on top. */
export const withDefaults = (tree: ImageTree): ImageTree => mergeTrees(defaultRootTree(), tree);
