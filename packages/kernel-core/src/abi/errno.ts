import { ERRNO_TABLE, type ErrnoName } from './errno-table.js';

/**
 * An errno sentinel. Handlers `throw E.ENOENT`; the router converts it to -errno in one place.
 * It deliberately does not extend Error: throwing a preallocated sentinel captures no stack, so
 * error paths (EAGAIN in a poll loop, ENOENT in a PATH search) stay cheap.
 */
export class Errno {
  constructor(
    readonly code: number,
    readonly name: string,
    readonly message: string,
  ) {}
  toString(): string {
    return `${this.name} (${this.message})`;
  }
}

const byCode: Errno[] = [];
const byName = {} as Record<ErrnoName, Errno>;
for (const name of Object.keys(ERRNO_TABLE) as ErrnoName[]) {
  const [code, message] = ERRNO_TABLE[name];
  const e = new Errno(code, name, message);
  byName[name] = e;
  byCode[code] = e;
}

/** All errno sentinels by name: `throw E.EBADF`. */
export const E: Readonly<Record<ErrnoName, Errno>> = Object.freeze(byName);

/** The sentinel for a numeric errno, or undefined when Linux defines none. */
export function errnoByCode(code: number): Errno | undefined {
  return byCode[code];
}

/** "ENOENT" for 2; "E123" for a code Linux does not define. */
export function errnoName(code: number): string {
  return byCode[code]?.name ?? `E${code}`;
}
