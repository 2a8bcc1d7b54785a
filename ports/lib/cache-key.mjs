// Content hashes that name cached outputs: a port's output changes when its recipe, the driver,
// the SDK toolchain or the source package version changes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { libDir, repoRoot } from './paths.mjs';

/** Every regular file under `dir`, sorted, as absolute paths. */
export function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...filesUnder(p));
    else if (st.isFile()) out.push(p);
  }
  return out;
}

/** A short hex hash of strings and the contents of files (named by their repo-relative path). */
export function hashInputs({ strings = [], files = [] }) {
  const h = createHash('sha256');
  for (const s of strings) h.update(s).update('\0');
  for (const f of files) h.update(relative(repoRoot, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 20);
}

export function toolchainHash() {
  const sdk = join(repoRoot, 'packages/sdk/dist/sdk.json');
  try {
    return JSON.parse(readFileSync(sdk, 'utf8')).toolchainHash;
  } catch {
    throw new Error(`ports: ${sdk} is missing: build the SDK first (npx turbo run build)`);
  }
}

/**
 * The driver files that decide what a build produces: a change to any of them rebuilds every port.
 * (Not the lock, the image builder or the CLI, which do not change a port's output.)
 */
export const driverFiles = () => ['build-port.mjs', 'fetch-source.mjs', 'run-logged.mjs', 'paths.mjs'].map((f) => join(libDir, f));

export function portKey(recipeFile, source) {
  return hashInputs({
    strings: ['port', source.package, source.version, toolchainHash()],
    files: [recipeFile, ...driverFiles()],
  });
}
