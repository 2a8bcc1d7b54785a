import { E, Errno, type ErrnoName } from '@kandelo/kernel-core';

/** Runs a host filesystem call, turning its error code ("ENOENT") into our errno sentinel. */
export function host<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Errno) throw err;
    const code = (err as { code?: string }).code;
    throw (code && (E as Record<string, Errno>)[code as ErrnoName]) || E.EIO;
  }
}
