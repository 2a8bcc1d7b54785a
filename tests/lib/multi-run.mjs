// Boots one kernel and runs several programs in it at once. Prints "done <index> <status>" as each
// exits (shell-style status), then "all <json statuses>". Usage: node multi-run.mjs prog.wasm[:arg,arg] ...
import { readFileSync, writeSync } from 'node:fs';
import { NodeKernel, shellStatus } from '../../packages/host-node/dist/index.js';

const kernel = await NodeKernel.boot();
const runs = process.argv.slice(2).map((spec, i) => {
  const [path, args = ''] = spec.split(':');
  return kernel.spawn(readFileSync(path), { path, argv: [path, ...args.split(',').filter(Boolean)] }).then((st) => {
    const s = shellStatus(st);
    writeSync(1, `\ndone ${i} ${s}\n`);
    return s;
  });
});
const statuses = await Promise.all(runs);
writeSync(1, `\nall ${JSON.stringify(statuses)}\n`);
await kernel.shutdown();
