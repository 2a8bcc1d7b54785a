/**
 * Entry of a process worker: waits (warm, in a pool) for a thread to run, instantiates the module
 * on the process's shared memory and calls its entry export. Syscalls never come back here: the C
 * glue talks to the kernel through the channel in memory. The JS side only implements the
 * imports, `ring`, `fork` and `io` (see MODULE_ABI in kernel-core), and the fork unwind/rewind loop.
 */
import { readlinkSync } from 'node:fs';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { ThreadEntry } from '@kandelo/kernel-core';
import { ringDoorbell } from '@kandelo/kernel-core/doorbell';
import { createFastIo, type FastIo, IO_KERNEL } from '@kandelo/kernel-core/fast-io';
import { FORK_BUFFER_DATA, FORK_SYSCALL, channelSyscall } from './channel-syscall.js';
import { SchedstatReader } from './schedstat.js';

interface StartMessage {
  type: 'start';
  /** This message's number (WorkerPool.post), repeated in the replies to it. */
  seq: number;
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  doorbell: Int32Array;
  channel: number;
  entry: ThreadEntry;
  /** [host tid, CPU ns at start], written here for the runner's CPU metering (0 tid: not metered). */
  meter?: BigInt64Array;
  /** The I/O arena for pipe transfers done here (ThreadStart.io). */
  io?: { arena: SharedArrayBuffer; fdMap: number; owner: number };
}

/** Without an arena every read and write is the kernel's. */
const noFastIo: FastIo = () => IO_KERNEL;

interface Exports {
  __kandelo_start(block: number, channel: number): void;
  __kandelo_thread_start(tp: number, stack: number, channel: number): void;
  __kandelo_fork_buffer(): number;
  __stack_pointer: WebAssembly.Global;
  __tls_base: WebAssembly.Global;
  asyncify_get_state(): number;
  asyncify_start_unwind(buf: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(buf: number): void;
  asyncify_stop_rewind(): void;
}

const UNWINDING = 1;
const REWINDING = 2;

function run(msg: StartMessage): void {
  const { memory, doorbell, channel, entry } = msg;
  let ex!: Exports;
  let forkResult = 0;
  let unwound: { buf: number; sp: number; tls: number } | undefined;

  const fork = (): number => {
    if (ex.asyncify_get_state() === REWINDING) {
      ex.asyncify_stop_rewind();
      return forkResult;
    }
    const buf = ex.__kandelo_fork_buffer();
    const dv = new DataView(memory.buffer);
    dv.setUint32(buf, buf + 8, true);
    dv.setUint32(buf + 4, buf + 8 + FORK_BUFFER_DATA, true);
    unwound = { buf, sp: ex.__stack_pointer.value as number, tls: ex.__tls_base.value as number };
    ex.asyncify_start_unwind(buf);
    return 0;
  };

  const io = msg.io ? createFastIo({ ...msg.io, memory, channel }) : noFastIo;
  const inst = new WebAssembly.Instance(msg.module, {
    env: { memory },
    kandelo: { ring: () => ringDoorbell(doorbell), fork, io },
  });
  ex = inst.exports as unknown as Exports;

  // The export this thread runs; a fork child rewinds through the one its parent thread ran.
  const from = entry.kind === 'fork' ? entry.from : entry.kind;
  const call = from === 'main'
    ? () => ex.__kandelo_start(entry.kind === 'main' ? entry.block : 0, channel)
    : () => ex.__kandelo_thread_start(entry.kind === 'thread' ? entry.tp : 0, entry.kind === 'thread' ? entry.stack : 0, channel);
  if (entry.kind === 'thread') ex.__stack_pointer.value = entry.stack;
  if (entry.kind === 'fork') {
    ex.__stack_pointer.value = entry.sp;
    ex.__tls_base.value = entry.tls;
    forkResult = 0;
    ex.asyncify_start_rewind(entry.buf);
  }
  for (;;) {
    call();
    if (!unwound || ex.asyncify_get_state() !== UNWINDING) return;
    // fork(): the stack is saved in the buffer; the kernel copies the process, then we rewind.
    ex.asyncify_stop_unwind();
    const { buf, sp, tls } = unwound;
    unwound = undefined;
    forkResult = channelSyscall(memory, channel, doorbell, FORK_SYSCALL, [buf, sp, tls, from === 'main' ? 0 : 1]);
    ex.asyncify_start_rewind(buf);
  }
}

/** This worker's host thread id (Linux: /proc/thread-self), so the kernel can meter its CPU time. */
function hostThreadId(): number | undefined {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop()) || undefined;
  } catch {
    return undefined; // not Linux: CPU clocks fall back to wall time
  }
}

const HOST_TID = hostThreadId();

/** This thread's CPU time in ns (schedstat's first field), 0 when unknown. */
const schedstat = new SchedstatReader(1);
const ownCpuNs = (): bigint => schedstat.read('/proc/thread-self/schedstat') ?? 0n;

const port = parentPort!;
const bell = (workerData as { bell: Int32Array }).bell;

function serve(msg: StartMessage): void {
  if (msg.type !== 'start') return;
  // Which host thread runs this guest thread, and its CPU time now: the runner meters from here.
  if (msg.meter && HOST_TID) {
    Atomics.store(msg.meter, 1, ownCpuNs());
    Atomics.store(msg.meter, 0, BigInt(HOST_TID));
  }
  try {
    run(msg);
    port.postMessage({ type: 'fault', seq: msg.seq, kind: 'returned', message: 'entry returned' });
  } catch (err) {
    // Also the normal way out after an exit or exec: the glue traps once the kernel released it.
    const e = err as Error;
    const trap = err instanceof WebAssembly.RuntimeError || e instanceof RangeError;
    port.postMessage({ type: 'fault', seq: msg.seq, kind: trap ? 'trap' : 'crash', message: `${e.name}: ${e.message}` });
  }
}

/**
 * One program after another: a worker whose process exited cleanly is reused by the pool. Idle,
 * it sleeps on its bell rather than in its event loop (see WorkerPool), and takes each message
 * off the port itself; the bell is cleared before the port is looked at, so no ring is lost.
 * Started after the module has finished loading. terminate() still ends the wait.
 */
function idle(): void {
  port.postMessage({ type: 'ready' });
  for (;;) {
    const m = receiveMessageOnPort(port);
    if (m) {
      serve(m.message as StartMessage);
      Atomics.add(bell, 1, 1); // finished: see WorkerPool.settled
      continue;
    }
    Atomics.wait(bell, 0, 0);
    Atomics.store(bell, 0, 0);
  }
}
setImmediate(idle);
