import { createFastIo } from './fast-io.js';
import { IoArena } from './io-arena.js';
import { OFD_NONBLOCK, OFD_READ, OFD_WRITE } from './io-layout.js';
import { CHANNEL } from '../abi/channel-layout.js';
import { SYSCALL_ROWS } from '../abi/syscall-table.js';
import { OpenFile, type FileOps } from '../fd/open-file.js';

const nr = (name: string): number => SYSCALL_ROWS.find(([, n]) => n === name)![0];

/**
 * Runs the fast path through a private arena, along every branch a real transfer takes (copies
 * both ways and across the wrap, spinning, sleeping, giving up, EOF, no reader, kicks, a wrong
 * end, O_NONBLOCK), so that V8 optimises it while the worker is idle in the pool, and the code
 * it makes is not thrown away at a transfer's first kick or wait. Otherwise the first transfers
 * of each worker run unoptimised and pay for compilations (tens of ms of CPU each here) on a
 * CPU the other end of the pipe needs. Closures made later by createFastIo share what was
 * learnt here. A few ms per worker boot.
 */
export function warmFastIo(rounds = 150): void {
  const arena = new IoArena(1 << 16);
  const ring = arena.ring(1 << 16, () => {})!;
  ring.readers = 1;
  ring.writers = 1;
  const map = arena.fdMap()!;
  const ops = { seekable: false, stat: () => { throw new Error('unused'); } } as unknown as FileOps;
  const end = (flags: number, bits: number): OpenFile => {
    const f = new OpenFile(ops, flags, 'warm');
    f.ioSlot = arena.ofd(ring, bits);
    return f;
  };
  map.set(0, end(0, OFD_READ)); // blocking read end
  map.set(1, end(1, OFD_WRITE)); // blocking write end
  map.set(2, end(0, OFD_READ | OFD_NONBLOCK));
  map.set(3, end(1, OFD_WRITE | OFD_NONBLOCK));
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 2, shared: true });
  const channel = 0;
  const kick = new Int32Array(memory.buffer);
  // Tiny waits: a sleep is a zero-timeout futex wait, and the kernel's turn comes after 10 us.
  const io = createFastIo({
    arena: arena.sab, memory, channel, fdMap: map.index, owner: 1, waits: { spinLoops: 8, sleepMs: 0, waitMs: 0.01 },
  });
  const read = nr('read');
  const write = nr('write');
  const readv = nr('readv');
  const writev = nr('writev');
  // Two iovecs at 512: 300 bytes at 1024, 700 at 4096.
  new Int32Array(memory.buffer, 512, 4).set([1024, 300, 4096, 700]);
  const drain = (): void => {
    while (io(read, 2, 1024, 65536) > 0);
  };
  for (let i = 0; i < rounds; i++) {
    const n = i % 3 === 0 ? 5000 : i % 3 === 1 ? 600 : 40;
    io(write, 1, 1024, n);
    io(read, 0, 1024, 65536);
    drain();
    io(read, 0, 1024, 16); // empty: spin, sleep, then the kernel's
    io(write, 1, 1024, 65536 - 100); // nearly full
    io(write, 1, 1024, 1000); // 100 bytes in, then the wait for room ends in the kernel
    io(write, 3, 1024, 100); // non-blocking, full
    io(write, 1, 1024, 10); // atomic, no room
    ring.setWaiters(); // a kernel waiter: the next transfers ask for a kick
    io(read, 0, 1024, 20000);
    io(write, 1, 1024, 30000);
    ring.clearWaiters();
    kick[(channel + CHANNEL.IO_KICK) >> 2] = 0;
    drain();
    io(read, 1, 1024, 16); // wrong end
    io(write, 0, 1024, 16);
    io(write, 1, 1024, 0);
    io(writev, 1, 512, 2);
    io(readv, 0, 512, 2);
    io(readv, 2, 512, 2); // empty, non-blocking
    io(read, 5, 1024, 16); // not a pipe
    io(read, 0, 2 * 65536 - 8, 16); // past the end of memory
  }
  ring.writers = 0; // EOF, then no reader
  io(read, 0, 1024, 16);
  ring.readers = 0;
  io(write, 1, 1024, 16);
}
