#!/usr/bin/env node
// `npm test` after set-up and build: the browser-bundle check, the syscall report being current,
// then every vitest project (unit tests beside the code, C programs, the CLI and the ports' smoke
// tests under tests/), then the quick subset of the ports' upstream suites (`test-ports --ci`; all
// of them: `npm run test:ports`). Arguments go to vitest, and then the suites are not run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
try {
  run(process.execPath, ['scripts/check-browser-bundle.mjs']);
  run(process.execPath, ['scripts/gen-syscall-report.mjs', '--check']);
  const args = process.argv.slice(2);
  run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args]);
  if (!args.length) run(process.execPath, ['scripts/test-ports.mjs', '--ci']);
} catch (err) {
  process.exit(err.status ?? 1);
}
