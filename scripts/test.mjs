#!/usr/bin/env node
// `npm test` after set-up and build: the browser-bundle check, the syscall report being current,
// then every vitest project
// (unit tests beside the code, C programs and the CLI under tests/).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
try {
  run(process.execPath, ['scripts/check-browser-bundle.mjs']);
  run(process.execPath, ['scripts/gen-syscall-report.mjs', '--check']);
  run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)]);
} catch (err) {
  process.exit(err.status ?? 1);
}
