import { AT, IOCTL, O } from '../abi/constants.js';
import { errnoName } from '../abi/errno.js';
import { signalName } from '../abi/constants.js';
import type { ProcessMemory } from '../process/process-memory.js';

const CLOCKS = ['CLOCK_REALTIME', 'CLOCK_MONOTONIC', 'CLOCK_PROCESS_CPUTIME_ID', 'CLOCK_THREAD_CPUTIME_ID',
  'CLOCK_MONOTONIC_RAW', 'CLOCK_REALTIME_COARSE', 'CLOCK_MONOTONIC_COARSE', 'CLOCK_BOOTTIME'];
const WHENCE = ['SEEK_SET', 'SEEK_CUR', 'SEEK_END'];
const SIGHOW = ['SIG_BLOCK', 'SIG_UNBLOCK', 'SIG_SETMASK'];
const PROT = [[1, 'PROT_READ'], [2, 'PROT_WRITE'], [4, 'PROT_EXEC']] as const;
const MAPF = [[1, 'MAP_SHARED'], [2, 'MAP_PRIVATE'], [0x10, 'MAP_FIXED'], [0x20, 'MAP_ANONYMOUS'], [0x4000, 'MAP_NORESERVE']] as const;
const OFLAGS = Object.entries(O).filter(([k, v]) => v !== 0 && !['ACCMODE', 'RDWR', 'WRONLY', 'LARGEFILE'].includes(k) && (v & (v - 1)) === 0);
const ATFLAGS = [[AT.SYMLINK_NOFOLLOW, 'AT_SYMLINK_NOFOLLOW'], [AT.REMOVEDIR, 'AT_REMOVEDIR'],
  [AT.SYMLINK_FOLLOW, 'AT_SYMLINK_FOLLOW'], [AT.EMPTY_PATH, 'AT_EMPTY_PATH']] as const;

const IOCTL_NAME: Record<number, string> = Object.fromEntries(Object.entries(IOCTL).map(([k, v]) => [v, k]));
const hex = (v: number): string => '0x' + (v >>> 0).toString(16);

function bits(v: number, table: readonly (readonly [number, string])[], zero = '0'): string {
  const parts: string[] = [];
  let rest = v >>> 0;
  for (const [bit, name] of table) {
    if (rest & bit) {
      parts.push(name);
      rest &= ~bit;
    }
  }
  if (rest) parts.push(hex(rest));
  return parts.join('|') || zero;
}

/** A C-style quoted preview of bytes, like strace's. */
export function quoteBytes(b: Uint8Array, max = 32): string {
  let s = '"';
  for (let i = 0; i < Math.min(b.length, max); i++) {
    const c = b[i]!;
    if (c === 0x0a) s += '\\n';
    else if (c === 0x09) s += '\\t';
    else if (c === 0x0d) s += '\\r';
    else if (c === 0x22) s += '\\"';
    else if (c === 0x5c) s += '\\\\';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += '\\' + c.toString(8);
  }
  return s + '"' + (b.length > max ? '...' : '');
}

/**
 * Formats one argument by its kind (the signature column of the syscall table). Kinds that
 * need the call's result (obuf) return undefined here and are formatted at exit.
 */
export function formatArg(kind: string, v: number, next: number, mem: ProcessMemory): string | undefined {
  try {
    switch (kind) {
      case 'int': case 'fd': return String(v | 0);
      case 'size': case 'uint': return String(v >>> 0);
      case 'atfd': return v === AT.FDCWD ? 'AT_FDCWD' : String(v | 0);
      case 'str': return v === 0 ? 'NULL' : JSON.stringify(mem.cstring(v));
      case 'ibuf': return v === 0 ? 'NULL' : quoteBytes(mem.bytes(v, Math.min(next >>> 0, 64)).slice(), 32) + ((next >>> 0) > 64 ? '...' : '');
      case 'obuf': return undefined;
      case 'ptr': return v === 0 ? 'NULL' : hex(v);
      case 'mode': return v === 0 ? '0' : '0' + (v >>> 0).toString(8);
      case 'ioctl': return IOCTL_NAME[v >>> 0] ?? hex(v);
      case 'oflags': {
        const acc = ['O_RDONLY', 'O_WRONLY', 'O_RDWR', 'O_ACCMODE'][v & 3]!;
        const rest = bits(v & ~3 & ~O.LARGEFILE, OFLAGS.map(([k, b]) => [b, 'O_' + k] as const), '');
        return rest ? `${acc}|${rest}` : acc;
      }
      case 'atflags': return bits(v, ATFLAGS);
      case 'prot': return bits(v, PROT, 'PROT_NONE');
      case 'mapflags': return bits(v, MAPF);
      case 'clock': return CLOCKS[v] ?? String(v);
      case 'whence': return WHENCE[v] ?? String(v);
      case 'sighow': return SIGHOW[v] ?? String(v);
      case 'signal': return signalName(v);
      default: return hex(v);
    }
  } catch {
    return hex(v);
  }
}

/** Formats a result: `-1 ENOENT (No such file or directory)` style for errors. */
export function formatResult(r: number, message: (code: number) => string): string {
  if (r < 0 && r >= -4095) return `-1 ${errnoName(-r)} (${message(-r)})`;
  return r > 0xffff ? hex(r) : String(r);
}
