import { CHANNEL, CHANNEL_STATE, MODULE_ABI, syscallNumber } from '@kandelo/kernel-core/abi';
import { ringDoorbell } from '@kandelo/kernel-core/doorbell';

/** Size of the Asyncify data area after the 8-byte header of __kandelo_fork_buffer(). */
export const FORK_BUFFER_DATA = MODULE_ABI.FORK_BUFFER_SIZE;
export const FORK_SYSCALL = syscallNumber('kandelo_fork')!;

/**
 * A syscall made from the worker's JavaScript (fork, while the wasm stack is unwound), over the
 * thread's own channel, exactly as the C glue makes one; blocks until the kernel answers.
 */
export function channelSyscall(memory: WebAssembly.Memory, channel: number, bell: Int32Array, nr: number, args: number[]): number {
  const i32 = new Int32Array(memory.buffer);
  const base = channel >> 2;
  i32[base + (CHANNEL.NR >> 2)] = nr;
  for (let i = 0; i < 6; i++) {
    const v = args[i] ?? 0;
    i32[base + (CHANNEL.ARGS >> 2) + i * 2] = v;
    i32[base + (CHANNEL.ARGS >> 2) + i * 2 + 1] = v < 0 ? -1 : 0;
  }
  Atomics.store(i32, base + (CHANNEL.STATE >> 2), CHANNEL_STATE.PENDING);
  ringDoorbell(bell);
  Atomics.store(i32, base + (CHANNEL.WAITING >> 2), 1);
  while (Atomics.load(i32, base + (CHANNEL.STATE >> 2)) === CHANNEL_STATE.PENDING) {
    Atomics.wait(i32, base + (CHANNEL.STATE >> 2), CHANNEL_STATE.PENDING);
  }
  Atomics.store(i32, base + (CHANNEL.WAITING >> 2), 0);
  const r = i32[base + (CHANNEL.RESULT >> 2)]!;
  Atomics.store(i32, base + (CHANNEL.STATE >> 2), CHANNEL_STATE.IDLE);
  return r;
}
