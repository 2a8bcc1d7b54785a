import { createFastIo } from './fast-io.js';
import { IoArena } from './io-arena.js';
import { OFD_NONBLOCK, OFD_READ, OFD_WRITE } from './io-layout.js';
import { SYSCALL_ROWS } from '../abi/syscall-table.js';
import { OpenFile, type FileOps } from '../fd/open-file.js';

const nr = (name: string): number => SYSCALL_ROWS.find(([, n]) => n === name)![0];

/**
 * Runs the fast path through a private arena until V8 has optimised it, so a worker's first
 * real transfers do not run interpreted, or pay for their compilation on a CPU the other end of
 * the pipe needs. Closures made by createFastIo later share what was learnt here. About 2 ms,
 * once per worker as it boots (small copies: a booting worker competes with running programs).
 */
export function warmFastIo(rounds = 500): void {
  const arena = new IoArena(1 << 16);
  const ring = arena.ring(1 << 16, () => {})!;
  ring.readers = 1;
  ring.writers = 1;
  const map = arena.fdMap()!;
  const ops = { seekable: false, stat: () => { throw new Error('unused'); } } as unknown as FileOps;
  const r = new OpenFile(ops, 0, 'r');
  const w = new OpenFile(ops, 1, 'w');
  r.ioSlot = arena.ofd(ring, OFD_READ | OFD_NONBLOCK); // an empty ring answers at once
  w.ioSlot = arena.ofd(ring, OFD_WRITE);
  map.set(0, r);
  map.set(1, w);
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 2, shared: true });
  const io = createFastIo({ arena: arena.sab, memory, channel: 0, fdMap: map.index, owner: 1 });
  const read = nr('read');
  const write = nr('write');
  for (let i = 0; i < rounds; i++) {
    const n = i % 3 === 0 ? 5000 : i % 3 === 1 ? 600 : 40;
    io(write, 1, 1024, n);
    while (io(read, 0, 1024, 65536) > 0);
  }
}
