/**
 * Entry of a process worker: waits (warm, in a pool) for a thread to run, instantiates the
 * module on the process's shared memory and calls its entry. Syscalls never come back here:
 * the C glue talks to the kernel through the channel in memory; the only import is `ring`.
 */
import { parentPort } from 'node:worker_threads';
import { ringDoorbell } from '@kandelo/kernel-core/doorbell';

interface StartMessage {
  type: 'start';
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  doorbell: Int32Array;
  channel: number;
  block: number;
}

const port = parentPort!;
// One program after another: a worker whose process exited cleanly is reused by the pool.
port.on('message', (msg: StartMessage) => {
  const bell = msg.doorbell;
  const ring = (): void => ringDoorbell(bell);
  try {
    const inst = new WebAssembly.Instance(msg.module, { env: { memory: msg.memory }, kandelo: { ring } });
    const start = inst.exports.__kandelo_start as (block: number, channel: number) => void;
    start(msg.block, msg.channel);
    port.postMessage({ type: 'fault', kind: 'returned', message: 'entry returned' });
  } catch (err) {
    // Also the normal way out after an exit syscall: the glue traps once the kernel released it.
    const e = err as Error;
    const trap = err instanceof WebAssembly.RuntimeError || e instanceof RangeError;
    port.postMessage({ type: 'fault', kind: trap ? 'trap' : 'crash', message: `${e.name}: ${e.message}` });
  }
});
port.postMessage({ type: 'ready' });
