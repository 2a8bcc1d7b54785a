#!/usr/bin/env node
// `npm start` after set-up and build: builds every port into the default rootfs image (cached by
// content hash: only the first run compiles anything), then opens `kandelo sh` on this terminal.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ports = spawnSync(process.execPath, [`${root}scripts/ports.mjs`], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (ports.status !== 0) process.exit(ports.status ?? 1);
const image = ports.stdout.trim().split('\n').pop();
const r = spawnSync(process.execPath, [`${root}packages/host-node/bin/kandelo.js`, 'sh', '--root', image, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
