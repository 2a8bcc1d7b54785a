// Runs a program in a kernel and, after `delayMs`, kills the worker of process `victim` abruptly
// (as a crashed worker). Usage: node crash-run.mjs prog.wasm victimPid delayMs
import { readFileSync, writeSync } from 'node:fs';
import { NodeKernel, shellStatus } from '../../packages/host-node/dist/index.js';

const [path, victim, delay] = process.argv.slice(2);
const kernel = await NodeKernel.boot();
const done = kernel.spawn(readFileSync(path), { path, argv: [path] });
setTimeout(() => kernel.crashWorkers(Number(victim)), Number(delay));
const status = await done;
writeSync(1, `status ${shellStatus(status)}\n`);
await kernel.shutdown();
