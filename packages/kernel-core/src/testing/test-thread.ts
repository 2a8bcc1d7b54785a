import { Process } from '../process/process.js';
import { ProcessMemory } from '../process/process-memory.js';
import { Thread, type ThreadScheduler } from '../process/thread.js';
import { AddressSpace } from '../process/address-space.js';

/** A process with `pages` of shared memory and one thread whose channel sits at `channel`. */
export function testThread(opts: { pages?: number; channel?: number; scheduler?: ThreadScheduler } = {}): Thread {
  const p = new Process(42, 0n);
  p.memory = new ProcessMemory(new WebAssembly.Memory({ initial: opts.pages ?? 2, maximum: 64, shared: true }));
  p.mm = new AddressSpace(64 * 65536);
  const t = new Thread(42, p, opts.channel ?? 1024, opts.scheduler ?? { runAgain: () => {} });
  p.threads.set(42, t);
  return t;
}
