// Boots one kernel, then spawns a program `n` times and reports the median ms from spawn to exit
// on stderr ("result <ms>"). The program's own stdout is the caller's business.
import { readFileSync } from 'node:fs';
import { NodeKernel } from '../../packages/host-node/dist/index.js';

const [path, nArg] = process.argv.slice(2);
const n = Number(nArg ?? 20);
const bytes = readFileSync(path);
const kernel = await NodeKernel.boot();
for (let i = 0; i < 3; i++) await kernel.spawn(bytes, { path }); // compile once, warm the pool
const times = [];
for (let i = 0; i < n; i++) {
  const t0 = performance.now();
  await kernel.spawn(bytes, { path });
  times.push(performance.now() - t0);
  // let the pool refill as it would between commands typed at a shell
  await new Promise((r) => setTimeout(r, 5));
}
times.sort((a, b) => a - b);
process.stderr.write(`result ${times[Math.floor(n / 2)].toFixed(4)}\n`);
await kernel.shutdown();
