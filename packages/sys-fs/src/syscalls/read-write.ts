import { E, full, IOVEC, O, type OpenFile, PARK, type SyscallEntry, type Thread } from '@kandelo/kernel-core';

const IOV_MAX = 1024;
/** Linux caps a single transfer at 0x7ffff000 bytes. */
const MAX_RW = 0x7ffff000;

function readable(t: Thread, fd: number): OpenFile {
  const f = t.process.fds.get(fd);
  if ((f.flags & O.ACCMODE) === O.WRONLY || f.flags & O.PATH) throw E.EBADF;
  if (!f.ops.read) throw (f.ops.readdir ? E.EISDIR : E.EINVAL);
  return f;
}

function writable(t: Thread, fd: number): OpenFile {
  const f = t.process.fds.get(fd);
  if ((f.flags & O.ACCMODE) === O.RDONLY || f.flags & O.PATH) throw E.EBADF;
  if (!f.ops.write) throw E.EINVAL;
  return f;
}

const pos64 = (lo: number, hi: number): number => {
  const p = (lo >>> 0) + hi * 0x1_0000_0000;
  if (p < 0) throw E.EINVAL;
  return p;
};

/** Gathers an iovec array into views of process memory. */
function iovecs(t: Thread, iov: number, cnt: number): Uint8Array[] {
  if (cnt < 0 || cnt > IOV_MAX) throw E.EINVAL;
  const m = t.process.memory;
  const out: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < cnt; i++) {
    const base = m.u32(iov + i * IOVEC.size + IOVEC.iov_base);
    const len = m.u32(iov + i * IOVEC.size + IOVEC.iov_len);
    total += len;
    if (len > MAX_RW || total > MAX_RW) throw E.EINVAL;
    out.push(m.bytes(base, len));
  }
  return out;
}

/**
 * Vectored read: one op call per buffer, stopping at the first short transfer. A call that parks
 * before reading anything re-runs as a whole; after partial progress it returns the count.
 */
function vectorRead(f: OpenFile, t: Thread, bufs: Uint8Array[], pos: number | null): number {
  let done = 0;
  for (const b of bufs) {
    if (b.length === 0) continue;
    let r: number;
    try {
      r = f.ops.read!(f, t, b, pos === null ? null : pos + done);
    } catch (err) {
      if (done > 0) return done;
      throw err;
    }
    if (r < 0) {
      if (done > 0) {
        t.unpark();
        return done;
      }
      return r;
    }
    done += r;
    if (r < b.length) break;
  }
  return done;
}

const progressOf = (t: Thread): number => (typeof t.progress === 'number' ? t.progress : 0);

/**
 * Vectored write: one op call per buffer, stopping at the first short transfer. A blocking write
 * that must wait parks and, when re-run, resumes where it stopped: `t.progress` holds the bytes
 * this call has written. Each op sees in `t.progress` how much of its own buffer an earlier run
 * wrote (and leaves its count there when it parks mid-buffer, as a large pipe write does), so
 * nothing is written twice and nothing written goes unreported.
 */
function vectorWrite(f: OpenFile, t: Thread, bufs: Uint8Array[], pos: number | null): number {
  const resumed = progressOf(t);
  let done = 0;
  for (const b of bufs) {
    if (b.length === 0) continue;
    if (done + b.length <= resumed) {
      done += b.length;
      continue;
    }
    const skip = resumed > done ? resumed - done : 0;
    t.progress = skip > 0 ? skip : undefined;
    let r: number;
    try {
      r = f.ops.write!(f, t, b, pos === null ? null : pos + done);
    } catch (err) {
      t.progress = undefined;
      if (done + skip > 0) return done + skip;
      throw err;
    }
    if (r === PARK) {
      t.progress = done + progressOf(t);
      return PARK;
    }
    if (r < 0) return r; // NO_REPLY: the caller is gone
    done += r;
    if (r < b.length) break;
  }
  t.progress = undefined;
  return done;
}

export function readWriteSyscalls(): SyscallEntry[] {
  return [
    full('read', (t, fd, buf, count) => {
      const f = readable(t, fd);
      return f.ops.read!(f, t, t.process.memory.bytes(buf, Math.min(count >>> 0, MAX_RW)), null);
    }),
    full('write', (t, fd, buf, count) => {
      const f = writable(t, fd);
      return f.ops.write!(f, t, t.process.memory.bytes(buf, Math.min(count >>> 0, MAX_RW)), null);
    }),
    full('readv', (t, fd, iov, cnt) => {
      const f = readable(t, fd);
      return vectorRead(f, t, iovecs(t, iov, cnt), null);
    }),
    full('writev', (t, fd, iov, cnt) => {
      const f = writable(t, fd);
      return vectorWrite(f, t, iovecs(t, iov, cnt), null);
    }),
    full('pread64', (t, fd, buf, count, lo, hi) => {
      const f = readable(t, fd);
      if (!f.ops.seekable) throw E.ESPIPE;
      return f.ops.read!(f, t, t.process.memory.bytes(buf, Math.min(count >>> 0, MAX_RW)), pos64(lo, hi));
    }),
    full('pwrite64', (t, fd, buf, count, lo, hi) => {
      const f = writable(t, fd);
      if (!f.ops.seekable) throw E.ESPIPE;
      return f.ops.write!(f, t, t.process.memory.bytes(buf, Math.min(count >>> 0, MAX_RW)), pos64(lo, hi));
    }),
    full('preadv', (t, fd, iov, cnt, lo, hi) => {
      const f = readable(t, fd);
      if (!f.ops.seekable) throw E.ESPIPE;
      return vectorRead(f, t, iovecs(t, iov, cnt), pos64(lo, hi));
    }),
    full('pwritev', (t, fd, iov, cnt, lo, hi) => {
      const f = writable(t, fd);
      if (!f.ops.seekable) throw E.ESPIPE;
      return vectorWrite(f, t, iovecs(t, iov, cnt), pos64(lo, hi));
    }),
  ];
}
