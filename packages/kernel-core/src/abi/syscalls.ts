import { SYSCALL_ROWS } from './syscall-table.js';

/** Highest syscall number plus one: the size of the router's dense table. */
export const SYSCALL_LIMIT = Math.max(...SYSCALL_ROWS.map((r) => r[0])) + 1;

const numberByName = new Map<string, number>();
const nameByNumber: string[] = [];
const signatureByNumber: (string | undefined)[] = [];
for (const [nr, name, sig] of SYSCALL_ROWS) {
  if (numberByName.has(name)) throw new Error(`syscall table: duplicate name ${name}`);
  if (nameByNumber[nr] !== undefined) throw new Error(`syscall table: duplicate number ${nr}`);
  numberByName.set(name, nr);
  nameByNumber[nr] = name;
  signatureByNumber[nr] = sig;
}

/** The number of a syscall by its ABI name, or undefined when the ABI has no such call. */
export function syscallNumber(name: string): number | undefined {
  return numberByName.get(name);
}

/** The ABI name of a syscall number; `sys_N` for numbers the table does not define. */
export function syscallName(nr: number): string {
  return nameByNumber[nr] ?? `sys_${nr}`;
}

/** The strace signature of a syscall number (see arg-kinds.ts). */
export function syscallSignature(nr: number): string | undefined {
  return signatureByNumber[nr];
}

/** Every syscall name in the ABI, in number order. */
export function syscallNames(): string[] {
  return SYSCALL_ROWS.map((r) => r[1]);
}
