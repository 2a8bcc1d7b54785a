/**
 * The I/O arena: one SharedArrayBuffer the kernel shares with every process worker, so that a
 * read or write on a pipe can move its bytes in the worker, without a trip through the kernel
 * thread (see fast-io.ts). It holds, as i32 words unless said otherwise:
 *
 * - fd maps: per descriptor table, descriptor -> OFD slot + 1 (0: not a pipe end, ask the kernel);
 * - OFD slots: per open pipe end, [ring + 1 << 4 | end and status bits, ring generation];
 * - ring headers: per pipe, the indices, locks and counts below;
 * - ring data: power-of-two blocks, one per pipe.
 *
 * Only the kernel writes fd maps and OFD slots; workers read them. Ring indices and data move
 * under the ring's reader or writer lock, taken by whoever copies (a worker or the kernel).
 */
export const IO_LAYOUT = {
  /** Descriptor tables with a map; further tables (and fds past FDS_PER_MAP) use the kernel. */
  FD_MAPS: 512,
  FDS_PER_MAP: 256,
  OFD_SLOTS: 8192,
  OFD_WORDS: 2,
  RINGS: 2048,
  /** Words per ring header: two 64-byte lines, the reader's and the writer's. */
  RING_WORDS: 32,
  /** Default bytes for ring data (virtual: the host commits pages only as pipes touch them). */
  DATA_BYTES: 64 * 1024 * 1024,
} as const;

/** Word offsets of the regions. */
export const IO_FDMAP_BASE = 0;
export const IO_OFD_BASE = IO_FDMAP_BASE + IO_LAYOUT.FD_MAPS * IO_LAYOUT.FDS_PER_MAP;
export const IO_RING_BASE = IO_OFD_BASE + IO_LAYOUT.OFD_SLOTS * IO_LAYOUT.OFD_WORDS;
/** Byte offset of ring data, page aligned. */
export const IO_DATA_BASE = Math.ceil(((IO_RING_BASE + IO_LAYOUT.RINGS * IO_LAYOUT.RING_WORDS) * 4) / 4096) * 4096;

/** Ring header words (offsets from the ring's first word). */
export const RING = {
  /** Reader lock: 0 free, else the owner (IO_OWNER_KERNEL or a worker's owner id). */
  R_LOCK: 0,
  /** Bytes ever consumed (wrapping i32); written under R_LOCK. */
  HEAD: 1,
  /** Capacity in bytes, a power of two; changes only under both locks. */
  CAP: 8,
  /** Byte offset of the data block in the arena; changes only under both locks. */
  DATA: 9,
  /** Open read / write descriptions (the kernel's counts: no reader means EPIPE, no writer EOF). */
  READERS: 10,
  WRITERS: 11,
  /** Non-zero while the kernel has threads waiting on this pipe: a worker that moved data kicks. */
  WAITERS: 12,
  /** Bumped by the kernel whenever the ring is freed: a stale OFD slot no longer matches. */
  GEN: 13,
  /** Writer lock and bytes ever produced (wrapping i32), written under W_LOCK. */
  W_LOCK: 16,
  TAIL: 17,
  /**
   * Bumped with every change a waiting worker may wait for (bytes in or out, an end closed, a lock
   * dropped while someone sleeps): the futex word workers sleep on, notified while SLEEPERS > 0.
   */
  SEQ: 24,
  SLEEPERS: 25,
} as const;

/** OFD slot bits (low 4 of the first word). */
export const OFD_READ = 1;
export const OFD_WRITE = 2;
export const OFD_NONBLOCK = 4;
export const OFD_RING_SHIFT = 4;

/** The lock owner the kernel uses; workers get positive ids. */
export const IO_OWNER_KERNEL = -1;

/** Writes of at most this many bytes are atomic: all or nothing (POSIX PIPE_BUF, Linux's 4096). */
export const PIPE_BUF = 4096;

/** Most bytes moved under one hold of a lock, so a holder never keeps the other side long. */
export const IO_CHUNK = 16384;

/** What `kandelo.io` returns when the kernel must make the call (never a byte count or errno). */
export const IO_KERNEL = -1;

/** Total arena bytes for `dataBytes` of ring data. */
export function ioArenaBytes(dataBytes: number = IO_LAYOUT.DATA_BYTES): number {
  return IO_DATA_BASE + dataBytes;
}
