// Compiles a C source with the SDK (wasm32posix-cc) or natively (gcc), caching the output by a
// content hash of everything that affects it, outside the work tree.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const cacheDir = process.env.KANDELO_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kandelo');
export const wasmCc = join(root, 'node_modules/.bin/wasm32posix-cc');

function toolchainId(kind) {
  if (kind === 'native') return execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  // The SDK's toolchainHash covers the sysroot (a content hash of the port) and its wrappers.
  return JSON.parse(readFileSync(join(root, 'packages/sdk/dist/sdk.json'), 'utf8')).toolchainHash;
}

/** Feeds a source and the local headers it includes (`#include "x.h"`, beside it) into `h`. */
function hashSource(h, file, seen) {
  if (seen.has(file)) return;
  seen.add(file);
  const text = readFileSync(file);
  h.update(file.slice(file.lastIndexOf('/') + 1)).update('\0').update(text).update('\0');
  for (const m of text.toString('utf8').matchAll(/^\s*#\s*include\s+"([^"]+)"/gm)) {
    const dep = join(dirname(file), m[1]);
    if (existsSync(dep)) hashSource(h, dep, seen);
  }
}

/**
 * Returns the path of the compiled program for `src` (absolute path of a .c file).
 * kind: 'wasm' (our SDK) or 'native' (gcc, for benchmark baselines).
 */
export function compileC(src, { kind = 'wasm', flags = ['-O2'] } = {}) {
  const h = createHash('sha256');
  h.update(kind).update('\0').update(flags.join(' ')).update('\0').update(toolchainId(kind)).update('\0');
  hashSource(h, src, new Set());
  const key = h.digest('hex').slice(0, 24);
  const dir = join(cacheDir, 'programs');
  const out = join(dir, `${key}${kind === 'wasm' ? '.wasm' : '.native'}`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const cc = kind === 'wasm' ? wasmCc : 'gcc';
  execFileSync(cc, [...flags, '-o', tmp, src, ...(kind === 'native' ? ['-lm'] : [])], { stdio: ['ignore', 'inherit', 'inherit'] });
  renameSync(tmp, out);
  return out;
}
