import { LOCK_TYPE } from '@kandelo/kernel-core';
import { OFFSET_MAX } from './lock-range.js';
import type { LockEntry } from './lock-manager.js';

const KIND: Record<LockEntry['kind'], string> = { POSIX: 'POSIX ', OFDLCK: 'OFDLCK', FLOCK: 'FLOCK ' };
const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/**
 * /proc/locks as Linux prints it (lock_get_status), one line per held lock:
 * `1: POSIX  ADVISORY  WRITE 42 00:2a:1234 0 EOF`. The device is st_dev split into major and
 * minor; OFD locks show pid -1; flock locks always show `0 EOF`. Waiters (Linux's " ->" lines)
 * are not listed.
 */
export function formatProcLocks(entries: Iterable<LockEntry>): string {
  let out = '';
  let n = 0;
  for (const e of entries) {
    const major = (e.dev >>> 8) & 0xfff;
    const minor = (e.dev & 0xff) | ((e.dev >>> 12) & 0xfff00);
    const type = e.type === LOCK_TYPE.WRLCK ? 'WRITE' : 'READ ';
    const pid = e.kind === 'OFDLCK' ? -1 : e.pid;
    const range = e.kind === 'FLOCK' ? '0 EOF' : `${e.start} ${e.end === OFFSET_MAX ? 'EOF' : e.end}`;
    out += `${++n}: ${KIND[e.kind]} ADVISORY  ${type} ${pid} ${hex2(major)}:${hex2(minor)}:${e.ino} ${range}\n`;
  }
  return out;
}
