// Where ports live in the repository and where their sources, scratch builds and outputs are
// cached (never in the work tree).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const portsDir = join(repoRoot, 'ports');
export const libDir = join(portsDir, 'lib');
export const binDir = join(repoRoot, 'node_modules/.bin');
export const kandeloCli = join(repoRoot, 'packages/host-node/bin/kandelo.js');

export const cacheRoot = () =>
  process.env.KANDELO_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kandelo');
export const portsCache = () => join(cacheRoot(), 'ports');
/** Unpacked Debian source trees (patched), one per source package version. */
export const srcCache = () => join(portsCache(), 'src');
/** Build trees: build/<name>-<hash>, kept after a build for the upstream test suites. */
export const buildCache = () => join(portsCache(), 'build');
/** Installed outputs: out/<hash>/root is the staging tree, out/<hash>/port.json describes it. */
export const outCache = () => join(portsCache(), 'out');
/** One log per port and step run. */
export const logCache = () => join(portsCache(), 'logs');
