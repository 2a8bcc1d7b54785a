#!/usr/bin/env node
// Writes the C headers generated from @kandelo/kernel-core's ABI into port/generated/.
// `--check` exits 1 when a committed header is stale instead of writing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCHeaders } from '@kandelo/kernel-core/abi';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'port', 'generated');
const check = process.argv.includes('--check');
let stale = 0;
for (const [rel, text] of Object.entries(generateCHeaders())) {
  const path = join(root, rel);
  let old = null;
  try { old = readFileSync(path, 'utf8'); } catch {}
  if (old === text) continue;
  if (check) { console.error(`stale generated header: ${path}`); stale++; continue; }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
if (stale) { console.error('run: npm run gen-headers -w @kandelo/sdk'); process.exit(1); }
