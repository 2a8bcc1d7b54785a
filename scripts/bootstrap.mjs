#!/usr/bin/env node
// First step of `npm start`, `npm test` and `npm run bench` on any machine, fresh or not:
// installs npm dependencies when missing or stale, then the SDK's host toolchain (apt packages,
// Debian's musl source). Uses nothing but Node built-ins, since it runs before `npm install`.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

const lock = `${root}package-lock.json`;
const installed = `${root}node_modules/.package-lock.json`;
if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  console.error('kandelo: installing npm dependencies');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}
run('bash', [`${root}packages/sdk/scripts/setup-host.sh`]);
