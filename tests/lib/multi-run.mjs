// Boots one kernel and runs several programs in it at once; prints their shell statuses as JSON
// on the last stdout line. Usage: node multi-run.mjs prog.wasm[:arg,arg] ...
import { readFileSync } from 'node:fs';
import { NodeKernel, shellStatus } from '../../packages/host-node/dist/index.js';

const kernel = await NodeKernel.boot();
const runs = process.argv.slice(2).map((spec) => {
  const [path, args = ''] = spec.split(':');
  return kernel.spawn(readFileSync(path), { path, argv: [path, ...args.split(',').filter(Boolean)] }).then(shellStatus);
});
const statuses = await Promise.all(runs);
process.stdout.write('\n' + JSON.stringify(statuses) + '\n');
await kernel.shutdown();
