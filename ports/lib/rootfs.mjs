// A root filesystem image with ports installed: the default rootfs (`kandelo mkimage --defaults`)
// with the staging trees of the given ports laid over it, cached by content hash at
// ports/rootfs-<hash>.img.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder, hashInputs } from './cache-key.mjs';
import { kandeloCli, portsCache, repoRoot } from './paths.mjs';

/**
 * Returns the path of the image holding `ports` (results of buildPort), building it when missing.
 * The key covers each port's output hash and the built image code (sys-fs: default tree, image
 * format; host-node: mkimage).
 */
export function buildRootfs(ports) {
  const code = ['packages/sys-fs/dist', 'packages/host-node/dist'].map((d) => join(repoRoot, d));
  for (const d of code) if (!existsSync(d)) throw new Error(`ports: ${d} is missing: run npx turbo run build`);
  const sorted = [...ports].sort((a, b) => a.name.localeCompare(b.name));
  const key = hashInputs({
    strings: ['rootfs', ...sorted.map((p) => `${p.name}:${p.key}`)],
    files: [join(repoRoot, 'ports/lib/rootfs.mjs'), ...code.flatMap(filesUnder)],
  });
  const image = join(portsCache(), `rootfs-${key}.img`);
  if (existsSync(image)) return image;
  mkdirSync(portsCache(), { recursive: true });
  const tree = mkdtempSync(join(portsCache(), 'rootfs-tree-'));
  chmodSync(tree, 0o755);
  const tmp = `${image}.tmp-${process.pid}`;
  try {
    // Later ports win over earlier ones for the same path (`cp -a` of each staging tree in turn).
    for (const p of sorted) execFileSync('cp', ['-a', `${p.root}/.`, tree]);
    execFileSync(process.execPath, [kandeloCli, 'mkimage', '--defaults', tree, tmp], { stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(tmp, image);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new Error(`ports: building the rootfs image failed: ${err.stderr?.toString().trim() || err.message}`);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
  return image;
}
