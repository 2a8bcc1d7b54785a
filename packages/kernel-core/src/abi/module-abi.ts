/**
 * What a process module must look like to run on kandelo: the contract between the SDK's crt and
 * glue and the hosts. Bump ABI_VERSION on any incompatible change to this, the channel layout,
 * the syscall table or the struct layouts.
 */
export const ABI_VERSION = 2;

export const MODULE_ABI = {
  /** Shared memory import. */
  MEMORY: { module: 'env', name: 'memory' },
  /** Host function: wake the kernel after a channel went PENDING (cheap when the kernel spins). */
  RING: { module: 'kandelo', name: 'ring' },
  /**
   * Host function `long kandelo.io(long nr, long fd, void *buf, size_t len)`, offered every read
   * and write before the glue makes the call: moves the bytes itself when `fd` is a pipe end it
   * can serve (kernel-core io/fast-io.ts) and returns the count; IO_KERNEL otherwise. A write it
   * moved only part of continues in the kernel with the rest.
   */
  IO: { module: 'kandelo', name: 'io' },
  /** Exported function `int __kandelo_abi(void)` returning ABI_VERSION: how a host recognises a kandelo module. */
  ABI_EXPORT: '__kandelo_abi',
  /** Exported entry: void __kandelo_start(long *block, void *channel). block = argc, argv..., 0, envp..., 0, auxv pairs. */
  START_EXPORT: '__kandelo_start',
  /**
   * fork: `int kandelo.fork(void)`, the one Asyncify import. Normal state: the host starts an
   * unwind into the buffer from FORK_BUFFER_EXPORT and the entry export returns; the host then
   * makes the kandelo_fork syscall, and both parent and child call the same entry export again
   * with a rewind started. Rewinding state: the host stops the rewind and returns the pid (or 0
   * in the child, or -errno).
   */
  FORK: { module: 'kandelo', name: 'fork' },
  /** `void *__kandelo_fork_buffer(void)`: the Asyncify data buffer (8-byte header + FORK_BUFFER_SIZE). */
  FORK_BUFFER_EXPORT: '__kandelo_fork_buffer',
  /** Bytes of saved stack a fork can hold (about 2,300 frames of a typical recursion). */
  FORK_BUFFER_SIZE: 65536,
  /**
   * Thread entry: `void __kandelo_thread_start(void *tp, void *stack, void *channel)`. The host
   * sets __stack_pointer to `stack` first; the function sets up TLS from `tp`, reads the start
   * function and its argument from stack[0] and stack[1] (put there by __clone), runs it, and
   * ends the thread with SYS_exit.
   */
  THREAD_START_EXPORT: '__kandelo_thread_start',
  /**
   * Optional i32 global: the address of the process's attention word (the glue's
   * __kandelo_attention). The loops the SDK's post-link step instrumented read it; the kernel sets
   * it (with the thread's CHANNEL.ATTENTION) when a running thread should enter the kernel.
   */
  ATTENTION_EXPORT: '__kandelo_attention',
  /**
   * `void __kandelo_poll(void)` in the glue: makes a kandelo_poll call if the running thread's
   * CHANNEL.ATTENTION is set. Exported only for the post-link step, which calls it from the loops
   * it instruments and drops the export.
   */
  POLL_EXPORT: '__kandelo_poll',
  /** Exported globals the host needs. */
  HEAP_BASE_EXPORT: '__heap_base',
  STACK_POINTER_EXPORT: '__stack_pointer',
  TLS_BASE_EXPORT: '__tls_base',
} as const;
