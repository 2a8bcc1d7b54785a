import { signalName } from '../abi/constants.js';
import { errnoByCode } from '../abi/errno.js';
import { syscallName, syscallSignature } from '../abi/syscalls.js';
import type { KernelLog } from '../host/host-services.js';
import type { Thread } from '../process/thread.js';
import { NO_REPLY, PARK } from '../router/sentinels.js';
import { formatArg, formatResult, quoteBytes } from './arg-format.js';

interface Entry {
  nr: number;
  args: number[];
  text: (string | undefined)[];
}

/** strace-style tracing of one process's calls: decoded arguments at entry, the result at exit. */
export class Strace {
  constructor(private readonly log: KernelLog) {}

  enter(t: Thread, nr: number, args: number[]): Entry {
    const sig = syscallSignature(nr);
    const kinds = sig === undefined ? undefined : sig === '' ? [] : sig.split(', ');
    const mem = t.process.memory;
    const n = kinds ? kinds.length : 6;
    const text: (string | undefined)[] = [];
    for (let i = 0; i < n; i++) text.push(formatArg(kinds ? kinds[i]! : 'hex', args[i]!, args[i + 1]!, mem));
    return { nr, args, text };
  }

  exit(t: Thread, e: Entry, r: number): void {
    if (r === PARK) return; // traced again when it re-runs
    const sig = syscallSignature(e.nr);
    const kinds = sig ? sig.split(', ') : [];
    const text = e.text.map((s, i) => {
      if (s !== undefined) return s;
      if (kinds[i] === 'obuf' && r > 0) {
        try {
          return quoteBytes(t.process.memory.bytes(e.args[i]!, Math.min(r, 64)).slice(), 32);
        } catch { /* fall through */ }
      }
      return '0x' + (e.args[i]! >>> 0).toString(16);
    });
    const res = r === NO_REPLY ? '?' : formatResult(r, (c) => errnoByCode(c)?.message ?? 'Unknown error');
    this.log.trace(`[pid ${t.tid}] ${syscallName(e.nr)}(${text.join(', ')}) = ${res}`);
    const status = t.process.status;
    if (r === NO_REPLY && status !== undefined) {
      const sig = status & 0x7f;
      this.log.trace(`[pid ${t.tid}] +++ ${sig ? `killed by ${signalName(sig)}${status & 0x80 ? ' (core dumped)' : ''}` : `exited with ${(status >> 8) & 0xff}`} +++`);
    }
  }
}
