/**
 * The kernel's doorbell: a small shared buffer every process worker can reach. After a channel
 * goes PENDING, the process's `ring` import bumps SEQ and notifies, but only when SLEEPING says
 * the kernel stopped spinning. Layout: i32 words.
 */
export const DOORBELL = { SEQ: 0, SLEEPING: 1, WORDS: 4 } as const;

export function createDoorbell(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(DOORBELL.WORDS * 4));
}

/** The process side of the doorbell (the body of the `kandelo.ring` import). */
export function ringDoorbell(bell: Int32Array): void {
  if (Atomics.load(bell, DOORBELL.SLEEPING) !== 0) {
    Atomics.add(bell, DOORBELL.SEQ, 1);
    Atomics.notify(bell, DOORBELL.SEQ);
  }
}
