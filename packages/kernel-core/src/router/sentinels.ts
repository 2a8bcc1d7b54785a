/**
 * Non-errno handler outcomes. Both lie below -4095 so they can never be mistaken for a result
 * or an errno.
 */
/** The thread was parked on a wait queue; the call is re-run when woken. */
export const PARK = -0x7fff_0001;
/** The call never returns to the caller (exit, exit_group, execve success). */
export const NO_REPLY = -0x7fff_0002;
