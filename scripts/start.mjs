#!/usr/bin/env node
// `npm start` after set-up and build. Until the shell arrives, it compiles the example program
// with the SDK and runs it through `kandelo run`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileC } from './lib/compile-c.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const prog = compileC(`${root}examples/hello-kandelo.c`);
const r = spawnSync(process.execPath, [`${root}packages/host-node/bin/kandelo.js`, 'run', prog, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
