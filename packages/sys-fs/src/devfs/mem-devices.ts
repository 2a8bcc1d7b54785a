import { E, type FileOps, type HostRandom, type OpenFile, POLL } from '@kandelo/kernel-core';
import type { Inode } from '../vfs/inode.js';

/**
 * Linux's memory devices (drivers/char/mem.c, random.c) as FileOps. The description's state is
 * the devfs node, so fstat shows the node's live attributes (a chmod is seen at once).
 *
 * All of them are seekable: Linux gives /dev/null, zero and full a no-op llseek and the random
 * devices noop_llseek, so lseek succeeds. Reads never move the offset (Linux's don't either).
 */

const nodeStat = (f: OpenFile) => (f.state as Inode).stat();
/** No driver poll: the VFS's default mask (always readable and writable). */
const ALWAYS_READY = POLL.IN | POLL.OUT | POLL.RDNORM | POLL.WRNORM;
const ready = (): number => ALWAYS_READY;
const swallow = (_f: OpenFile, _t: unknown, data: Uint8Array): number => data.length;
const zeros = (_f: OpenFile, _t: unknown, out: Uint8Array): number => {
  out.fill(0);
  return out.length;
};

/** /dev/null: reads are end of file, writes vanish. */
export const nullOps: FileOps = { seekable: true, stat: nodeStat, poll: ready, read: () => 0, write: swallow };

/** /dev/zero: an endless run of zeros; writes vanish. */
export const zeroOps: FileOps = { seekable: true, stat: nodeStat, poll: ready, read: zeros, write: swallow };

/** /dev/full: reads like /dev/zero, every write fails as if the disk were full. */
export const fullOps: FileOps = {
  seekable: true, stat: nodeStat, poll: ready, read: zeros,
  write: () => {
    throw E.ENOSPC;
  },
};

/** Linux caps one read of the random devices at 32 MiB - 1, as getrandom does. */
const RANDOM_MAX = 33554431;
/** Web Crypto's getRandomValues refuses more than 64 KiB per call. */
const FILL_CHUNK = 65536;

/**
 * /dev/random and /dev/urandom: the host's CSPRNG (whose pool is always initialised, so random
 * never blocks, as on Linux since 5.6). Writes would mix into the pool; the host's needs no help.
 */
export function randomOps(random: HostRandom): FileOps {
  return {
    seekable: true, stat: nodeStat, poll: ready, write: swallow,
    read(_f, _t, out) {
      const n = Math.min(out.length, RANDOM_MAX);
      for (let i = 0; i < n; i += FILL_CHUNK) random.fill(out.subarray(i, Math.min(n, i + FILL_CHUNK)));
      return n;
    },
  };
}
