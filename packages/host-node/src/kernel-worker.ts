/**
 * Entry of the kernel worker: composes the kernel and serves spawn requests from the main thread.
 * Process workers are started from here (nested workers), so syscalls never touch the main thread.
 */
import 'reflect-metadata'; // before anything loads tsyringe
import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { ForeignModuleError } from '@kandelo/kernel-core';
import { composeNodeKernel, stderrLog } from './compose.js';
import { NodeConsole } from './node-console.js';
import { NodeProcessRunner } from './node-process-runner.js';
import type { FromKernel, KernelWorkerData, ToKernel } from './protocol.js';

// Compile process modules with the optimizing tier up front (flags are process-wide and read at
// compile time): V8 cannot move a running function from its baseline tier (Liftoff) to optimized
// code, so a long loop in main() would otherwise stay ~4x slower than native for its whole run.
setFlagsFromString('--no-liftoff');

const data = workerData as KernelWorkerData;
const port = parentPort!;
const send = (m: FromKernel) => port.postMessage(m);

const console = new NodeConsole(data.winsize);
const runner = new NodeProcessRunner();
const kernel = composeNodeKernel({ config: data.config, console, runner, log: stderrLog });

port.on('message', (m: ToKernel) => {
  switch (m.type) {
    case 'spawn':
      kernel
        .spawn({ bytes: m.bytes, path: m.path, argv: m.argv, envp: m.envp, trace: m.trace })
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
      for (const p of [...kernel.processes.all()]) if (p.pgid === m.pgid && !p.zombie) kernel.signal(p, m.sig);
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
