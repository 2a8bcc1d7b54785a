/**
 * The syscall channel: one per thread, inside that thread's process memory, 8-byte aligned.
 * The process writes NR and ARGS, stores STATE_PENDING and rings the kernel; the kernel reads
 * the arguments in place, writes RESULT, stores STATE_COMPLETE and notifies STATE only when
 * WAITING says the thread went to sleep. Offsets are bytes from the channel base.
 */
export const CHANNEL = {
  /** i32: STATE_IDLE / STATE_PENDING / STATE_COMPLETE. The futex word both sides wait on. */
  STATE: 0,
  /** i32: syscall number. */
  NR: 4,
  /** 6 x i64 argument slots (32-bit values are sign-extended into them). */
  ARGS: 8,
  /** i64: result, or -errno in [-4095, -1]. */
  RESULT: 56,
  /**
   * i32: set by the kernel with a completion: a signal to run a handler for before the call
   * returns to the program (its siginfo_t is at SIGINFO). The glue clears it.
   */
  SIGNAL: 64,
  /** i32: 1 while the thread sleeps in memory.atomic.wait32 on STATE (the kernel must notify). */
  WAITING: 68,
  /** i32: the thread's spin budget, adapted by the glue (kept here so the kernel can reset it). */
  SPIN: 72,
  /** u32: with SIGNAL set, the handler to run (a function-table index). */
  SIG_HANDLER: 76,
  /** u32: with SIGNAL set, the action's sa_flags. */
  SIG_FLAGS: 80,
  /** u64: with SIGNAL set, the mask to restore through rt_sigreturn once the handler returns. */
  SIG_OLDMASK: 88,
  /**
   * i32, a CHANNEL_PARKED value: SERVING while the kernel runs the call's handler (the answer is
   * near: keep spinning), HELD while it keeps the call parked (it waits for data, a child, a
   * futex...: sleep at once rather than hold a CPU). NO on completion.
   */
  PARKED: 96,
  /**
   * u32: the caller's __stack_pointer, stored by the glue with every call. The kernel compares it
   * with the thread's alternate signal stack (sigaltstack): whether the thread runs on it now
   * (SS_ONSTACK, EPERM on a change) and whether a handler must switch to it.
   */
  CALL_SP: 100,
  /**
   * u32: with SIGNAL set, the stack top (16-aligned) the glue must switch __stack_pointer to for
   * the handler (SA_ONSTACK with an alternate stack not in use), or 0 to run it where it is.
   */
  SIG_STACK: 104,
  /**
   * i32, set by the kernel when the thread should enter the kernel although it makes no call: a
   * signal to run a handler for, or a stop. Cleared with every completion. Loops the SDK's
   * post-link step instrumented poll the process's attention word (MODULE_ABI.ATTENTION_EXPORT),
   * set with it; the glue then makes a kandelo_poll call if this word is set. So a program
   * spinning without syscalls still stops and runs handlers.
   */
  ATTENTION: 108,
  /**
   * i32, set by the worker's `kandelo.io` (MODULE_ABI.IO) to a ring index + 1 when it moved bytes
   * through a pipe the kernel has waiters on: the glue clears it and makes a kandelo_io_kick call.
   */
  IO_KICK: 112,
  /**
   * i32, ring index + 1 while the worker's `kandelo.io` sleeps on that pipe ring (RING.SEQ) waiting
   * for data or room: a kernel asking the thread for attention wakes it there (IoArena.wakeWaiter).
   */
  IO_WAIT: 116,
  /** siginfo_t (128 bytes) of the signal in SIGNAL. */
  SIGINFO: 128,
  SIZE: 256,
  ALIGN: 8,
} as const;

export const CHANNEL_STATE = { IDLE: 0, PENDING: 1, COMPLETE: 2 } as const;

export const CHANNEL_PARKED = { NO: 0, HELD: 1, SERVING: 2 } as const;

/**
 * What the kernel writes into SPIN with a completion when the CPUs are oversubscribed: "sleep
 * soon". The glue's own budgets are never this value, so a hint is never mistaken for one.
 */
export const SPIN_SLEEP_HINT = 63;

/** Number of argument slots. */
export const CHANNEL_ARGS = 6;

/**
 * A call interrupted by a signal whose handler has SA_RESTART completes with -ERESTART: after the
 * handler the glue issues the same call again (Linux's ERESTARTSYS, never seen by programs).
 */
export const ERESTART = 512;
