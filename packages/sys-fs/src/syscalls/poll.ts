import { E, full, POLL, POLLFD, RLIMIT, type SyscallEntry, type Thread, type WaitQueue } from '@kandelo/kernel-core';
import { type PollKernel, pollCall, pollFile, readSigmask, type Scan } from './poll-wait.js';

/** What select counts as readable, writable, exceptional (Linux's POLLIN_SET etc.). */
const IN_SET = POLL.RDNORM | POLL.RDBAND | POLL.IN | POLL.HUP | POLL.ERR;
const OUT_SET = POLL.WRBAND | POLL.WRNORM | POLL.OUT | POLL.ERR;
const EX_SET = POLL.PRI;

/**
 * ppoll and pselect6 (the asm-generic ABI has no plain poll or select: musl builds both on
 * these). Readiness comes from FileOps.poll (absent: always readable and writable); a caller
 * with nothing ready parks on every file's pollQueues and scans again when any of them is woken.
 */
export function pollSyscalls(kernel: PollKernel): SyscallEntry[] {
  return [
    full('ppoll_time64', (t, fds, nfds, tsp, maskp, masksize) => pollCall(kernel, t, tsp, () => {
      const mask = readSigmask(t, maskp, masksize);
      const n = nfds >>> 0;
      if (n > t.process.rlimits[RLIMIT.NOFILE]![0]) throw E.EINVAL;
      t.process.memory.check(fds, n * POLLFD.size);
      return mask;
    }, (queues) => scanPollfds(t, fds, nfds >>> 0, queues), true)),

    full('pselect6_time64', (t, nfds, inp, outp, exp, tsp, argpack) => {
      // Linux limits n to its descriptor table's size; ours is RLIMIT_NOFILE's (1024: FD_SETSIZE).
      const n = Math.min(nfds, t.process.fds.limit);
      return pollCall(kernel, t, tsp, () => {
        const m = t.process.memory;
        // The 6th argument points to { const sigset_t *ss; size_t ss_len }.
        const mask = argpack ? readSigmask(t, m.u32(argpack), m.u32(argpack + 4)) : undefined;
        if (nfds < 0) throw E.EINVAL;
        const sets = readSets(t, n, inp, outp, exp);
        // Every descriptor named in a set must be open (checked once, as Linux's max_select_fd).
        for (let w = 0; w < sets.words; w++) {
          for (let bits = sets.in[w]! | sets.out[w]! | sets.ex[w]!; bits; bits &= bits - 1) {
            if (!t.process.fds.has(w * 32 + 31 - Math.clz32(bits & -bits))) throw E.EBADF;
          }
        }
        return mask;
      }, (queues) => scanSets(t, n, inp, outp, exp, queues), false);
    }),
  ];
}

/** One pass over a pollfd array: POLLNVAL for a closed fd, nothing for a negative one. */
function scanPollfds(t: Thread, fds: number, n: number, queues: Set<WaitQueue>): Scan {
  const m = t.process.memory;
  const table = t.process.fds;
  const revents = new Uint16Array(n);
  let ready = 0;
  for (let i = 0; i < n; i++) {
    const at = fds + i * POLLFD.size;
    const fd = m.i32at(at + POLLFD.fd);
    if (fd < 0) continue;
    let r: number;
    if (table.has(fd)) {
      // Hang-ups and errors are reported whether asked for or not.
      r = pollFile(table.get(fd), t, queues) & (m.u16(at + POLLFD.events) | POLL.ERR | POLL.HUP);
    } else {
      r = POLL.NVAL;
    }
    revents[i] = r;
    if (r) ready++;
  }
  return {
    ready,
    commit: () => {
      for (let i = 0; i < n; i++) m.setU16(fds + i * POLLFD.size + POLLFD.revents, revents[i]!);
    },
  };
}

interface FdSets {
  readonly words: number;
  readonly in: Uint32Array;
  readonly out: Uint32Array;
  readonly ex: Uint32Array;
}

/** The three fd_sets (arrays of 32-bit longs) cut to `n` bits; a null set reads as empty. */
function readSets(t: Thread, n: number, inp: number, outp: number, exp: number): FdSets {
  const words = (n + 31) >>> 5;
  const tail = n & 31 ? (1 << (n & 31)) - 1 : -1; // bits of the last word below n
  const read = (ptr: number): Uint32Array => {
    const out = new Uint32Array(words);
    if (!ptr || words === 0) return out;
    const m = t.process.memory;
    m.check(ptr, words * 4);
    for (let w = 0; w < words; w++) out[w] = m.u32(ptr + w * 4);
    out[words - 1]! &= tail;
    return out;
  };
  return { words, in: read(inp), out: read(outp), ex: read(exp) };
}

/** One pass over the sets: each (fd, set) pair that is ready counts once, as Linux's do_select. */
function scanSets(t: Thread, n: number, inp: number, outp: number, exp: number, queues: Set<WaitQueue>): Scan {
  const sets = readSets(t, n, inp, outp, exp);
  const words = sets.words;
  const resIn = new Uint32Array(words);
  const resOut = new Uint32Array(words);
  const resEx = new Uint32Array(words);
  const table = t.process.fds;
  let ready = 0;
  for (let w = 0; w < words; w++) {
    const i = sets.in[w]!;
    const o = sets.out[w]!;
    const x = sets.ex[w]!;
    for (let bits = i | o | x; bits; bits &= bits - 1) {
      const bit = bits & -bits;
      const fd = w * 32 + 31 - Math.clz32(bit);
      // Closed by another thread since the first run's EBADF check: Linux skips it too.
      if (!table.has(fd)) continue;
      const mask = pollFile(table.get(fd), t, queues);
      if (mask & IN_SET && i & bit) { resIn[w]! |= bit; ready++; }
      if (mask & OUT_SET && o & bit) { resOut[w]! |= bit; ready++; }
      if (mask & EX_SET && x & bit) { resEx[w]! |= bit; ready++; }
    }
  }
  const m = t.process.memory;
  const write = (ptr: number, res: Uint32Array): void => {
    if (ptr) for (let w = 0; w < words; w++) m.setU32(ptr + w * 4, res[w]!);
  };
  return {
    ready,
    commit: () => {
      write(inp, resIn);
      write(outp, resOut);
      write(exp, resEx);
    },
  };
}
