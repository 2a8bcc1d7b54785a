import { E, full, O, type OpenFile, PARK, S, type SyscallEntry, type Thread } from '@kandelo/kernel-core';
import { pipeOf } from '../files/pipe-file.js';

/** Bytes moved per call at most (callers loop, as they must for any short transfer). */
const CHUNK = 1 << 20;
let scratch = new Uint8Array(64 * 1024);

const isRegular = (f: OpenFile): boolean => (f.ops.stat(f).mode & S.IFMT) === S.IFREG;

function readableFile(t: Thread, fd: number): OpenFile {
  const f = t.process.fds.get(fd);
  if ((f.flags & O.ACCMODE) === O.WRONLY || f.flags & O.PATH || !f.ops.read) throw E.EBADF;
  return f;
}

function writableFile(t: Thread, fd: number): OpenFile {
  const f = t.process.fds.get(fd);
  if ((f.flags & O.ACCMODE) === O.RDONLY || f.flags & O.PATH || !f.ops.write) throw E.EBADF;
  if (f.flags & O.APPEND && isRegular(f)) throw E.EINVAL;
  return f;
}

/**
 * Moves up to `len` bytes from `src` (at `srcPos`, or its offset when null) to `dst`, through a
 * kernel buffer. Data is read only once the destination can take it, so a transfer that must
 * wait parks before consuming anything and nothing read is ever lost.
 */
function transfer(t: Thread, src: OpenFile, srcPos: number | null, dst: OpenFile, dstPos: number | null, len: number): number {
  let cap = Math.min(len, CHUNK);
  if (cap === 0) return 0;
  const out = pipeOf(dst);
  if (out) {
    if (out.readers === 0) return dst.ops.write!(dst, t, new Uint8Array(1), null); // EPIPE + SIGPIPE
    if (out.free === 0) {
      if (dst.flags & O.NONBLOCK) throw E.EAGAIN;
      return t.park(out.writeWait);
    }
    cap = Math.min(cap, out.free);
  }
  if (scratch.length < cap) scratch = new Uint8Array(Math.max(cap, scratch.length * 2));
  const buf = scratch.subarray(0, cap);
  const n = src.ops.read!(src, t, buf, srcPos);
  if (n <= 0) return n; // 0 at EOF, PARK while a pipe is empty
  let done = 0;
  while (done < n) {
    const w = dst.ops.write!(dst, t, buf.subarray(done, n), dstPos === null ? null : dstPos + done);
    if (w === PARK) {
      // Only a device that filled up can get here; what it did not take is dropped with a count.
      t.unpark();
      break;
    }
    if (w <= 0) break;
    done += w;
  }
  return done;
}

/** Reads and updates a loff_t an offset pointer names (null when the pointer is NULL). */
function offsetArg(t: Thread, ptr: number, f: OpenFile): number | null {
  if (!ptr) return null;
  if (!f.ops.seekable) throw E.ESPIPE;
  const v = Number(t.process.memory.i64(ptr));
  if (v < 0) throw E.EINVAL;
  return v;
}

const SPLICE_F_NONBLOCK = 2;

/** sendfile, splice, tee, copy_file_range: copies between descriptors without user buffers. */
export function transferSyscalls(): SyscallEntry[] {
  return [
    full('tee', (t, inFd, outFd, len, flags) => {
      if (flags & ~0xf) throw E.EINVAL;
      const src = readableFile(t, inFd);
      const dst = writableFile(t, outFd);
      const a = pipeOf(src);
      const b = pipeOf(dst);
      if (!a || !b || a === b) throw E.EINVAL;
      const nonblock = (flags & SPLICE_F_NONBLOCK) !== 0;
      if ((len >>> 0) === 0) return 0;
      if (b.readers === 0) return dst.ops.write!(dst, t, new Uint8Array(1), null); // EPIPE + SIGPIPE
      if (b.free === 0) {
        if (nonblock || dst.flags & O.NONBLOCK) throw E.EAGAIN;
        return t.park(b.writeWait);
      }
      const cap = Math.min(len >>> 0, b.free);
      if (scratch.length < cap) scratch = new Uint8Array(Math.max(cap, scratch.length * 2));
      const n = a.peek(t, scratch.subarray(0, cap), nonblock || (src.flags & O.NONBLOCK) !== 0);
      if (n <= 0) return n;
      // It fits (n <= free), so this write neither waits nor splits.
      return b.write(t, scratch.subarray(0, n), true);
    }),
    full('sendfile64', (t, outFd, inFd, offPtr, count) => {
      const src = readableFile(t, inFd);
      const dst = writableFile(t, outFd);
      if (!src.ops.seekable) throw E.EINVAL;
      const pos = offsetArg(t, offPtr, src);
      const n = transfer(t, src, pos, dst, null, count >>> 0);
      if (n > 0 && pos !== null) t.process.memory.setI64(offPtr, pos + n);
      return n;
    }),
    full('splice', (t, inFd, offIn, outFd, offOut, len, flags) => {
      if (flags & ~0xf) throw E.EINVAL;
      const src = readableFile(t, inFd);
      const dst = writableFile(t, outFd);
      if (!pipeOf(src) && !pipeOf(dst)) throw E.EINVAL;
      if (src === dst || (pipeOf(src) && pipeOf(src) === pipeOf(dst))) throw E.EINVAL;
      const inPos = offsetArg(t, offIn, src);
      const outPos = offsetArg(t, offOut, dst);
      const n = transfer(t, src, inPos, dst, outPos, len >>> 0);
      if (n > 0 && inPos !== null) t.process.memory.setI64(offIn, inPos + n);
      if (n > 0 && outPos !== null) t.process.memory.setI64(offOut, outPos + n);
      return n;
    }),
    full('copy_file_range', (t, inFd, offIn, outFd, offOut, len, flags) => {
      if (flags !== 0) throw E.EINVAL;
      const src = readableFile(t, inFd);
      const dst = writableFile(t, outFd);
      if (!isRegular(src) || !isRegular(dst)) throw (src.ops.stat(src).mode & S.IFMT) === S.IFDIR ? E.EISDIR : E.EINVAL;
      const inPos = offsetArg(t, offIn, src) ?? src.offset;
      const outPos = offsetArg(t, offOut, dst) ?? dst.offset;
      const a = src.ops.stat(src);
      const b = dst.ops.stat(dst);
      const total = len >>> 0;
      if (a.dev === b.dev && a.ino === b.ino && inPos < outPos + total && outPos < inPos + total) throw E.EINVAL;
      const n = transfer(t, src, inPos, dst, outPos, total);
      if (n > 0) {
        if (offIn) t.process.memory.setI64(offIn, inPos + n);
        else src.offset += n;
        if (offOut) t.process.memory.setI64(offOut, outPos + n);
        else dst.offset += n;
      }
      return n;
    }),
  ];
}
