/**
 * Entry of the kernel worker: composes the kernel and serves spawn requests from the main thread.
 * Process workers are started from here (nested workers), so syscalls never touch the main thread.
 */
import 'reflect-metadata'; // before anything loads tsyringe
import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { Errno, ForeignModuleError, Process } from '@kandelo/kernel-core';
import { composeNodeKernel, stderrLog } from './compose.js';
import { NodeConsole } from './node-console.js';
import { NodeProcessRunner } from './node-process-runner.js';
import type { FromKernel, KernelWorkerData, ToKernel } from './protocol.js';

// Compile process modules with the optimizing tier up front (flags are process-wide and read at
// compile time): V8 cannot move a running function from its baseline tier (Liftoff) to optimized
// code, so a long loop in main() would otherwise stay ~4x slower than native for its whole run.
setFlagsFromString('--no-liftoff');
// The SDK hints the signal polls in every loop as unlikely (a wasm branch hint section); without
// the hint V8 spills a loop's registers around the poll's call on every iteration. Chrome reads
// the hints from 136; V8 itself (Node 20 to 24 at least) only with this flag.
setFlagsFromString('--experimental-wasm-branch-hinting');

const data = workerData as KernelWorkerData;
const port = parentPort!;
const send = (m: FromKernel) => port.postMessage(m);

const console = new NodeConsole(data.winsize);
const runner = new NodeProcessRunner();
const { kernel, vfs } = composeNodeKernel({ config: data.config, console, runner, log: stderrLog });
runner.deferBootsWhile(() => kernel.server.cpusBusy);

/** A program named by guest path, read as root from the kernel's root (the root image, mounts). */
function readGuestProgram(path: string): Uint8Array {
  try {
    return vfs.readFile(new Process(0, 0n), path);
  } catch (err) {
    throw new Error(err instanceof Errno ? `${path}: ${err.message}` : String(err));
  }
}

port.on('message', (m: ToKernel) => {
  switch (m.type) {
    case 'spawn':
      Promise.resolve()
        .then(() => kernel.spawn({ bytes: m.bytes ?? readGuestProgram(m.path), path: m.path, argv: m.argv, envp: m.envp, trace: m.trace }))
        .then((p) => {
          send({ type: 'spawned', id: m.id, pid: p.pid });
          // Report after the current syscall finished (its strace line included): the main
          // thread may terminate this worker as soon as it hears of the exit.
          p.onExit((status) => setImmediate(() => send({ type: 'exit', id: m.id, status })));
        })
        .catch((err: Error) => send({ type: 'spawn-error', id: m.id, message: err.message, foreign: err instanceof ForeignModuleError }));
      break;
    case 'resize':
      console.setWindowSize({ rows: m.rows, cols: m.cols });
      break;
    case 'signal-group':
      kernel.signalGroup(m.pgid, m.sig);
      break;
    case 'crash-workers':
      runner.crash(m.pid);
      break;
    case 'report':
      send({ type: 'report', rows: kernel.syscalls.report() });
      break;
  }
});
send({ type: 'ready' });
