import { E, type FileOps, O, OpenFile, PARK, SIGNALS, type Thread } from '@kandelo/kernel-core';
import { type Inode, inodeOf } from '../vfs/inode.js';
import { NO_HOOKS, type OpenHooks } from './open-hooks.js';
import { Pipe } from './pipe.js';
import { pipeFileOps, suppressHupUntilWriter } from './pipe-file.js';
import type { PipeKernel } from './pipe-fs.js';

/** open(2) flags that only steer the open itself; F_GETFL never shows them. */
const OPEN_ONLY = O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC;

/** One FIFO inode while it is open: its pipe and the openers waiting for the other side. */
interface Fifo {
  readonly key: string;
  readonly pipe: Pipe;
  /** Blocked openers, parked until the other side opens. */
  readonly waiting: Set<Opener>;
  /** Openers holding a count without an open file yet: parked, or woken and not yet re-run. */
  readonly pending: Set<Opener>;
}

/**
 * A blocked open, kept in `t.progress` across re-runs. As in Linux the opener counts as a
 * reader (writer) while it waits, so a partner sees it: an O_NONBLOCK writer gets no ENXIO, a
 * write gets no EPIPE. The count is taken once, on the first run, and ends either in the open
 * file (handed over on the successful re-run) or in `abandon` (a signal, the thread's exit).
 */
class Opener {
  /** Set by the registry when it wakes the opener (any other end of the park is an interruption). */
  woken = false;
  done = false;
  /** The thread's parkCleanup between the wake and the re-run: undoes the count if the thread dies. */
  onExit: (() => void) | undefined;

  constructor(
    readonly t: Thread,
    readonly fifo: Fifo,
    readonly reader: boolean,
    /** The other side's open count when the wait began: any change lets the opener through. */
    readonly partnerOpens: number,
  ) {}
}

/**
 * Named pipes. The VFS calls `open` when a path resolves to an S_IFIFO inode; the registry keeps
 * one Pipe per FIFO inode while any end is open (or an opener waits) and drops it with the last
 * one, discarding unread data as Linux does. Inodes are told apart by `${fs.dev}:${ino}` since
 * lookups may hand out different objects for the same node.
 *
 * Linux's semantics: O_RDONLY waits for a writer (with O_NONBLOCK it does not); O_WRONLY waits
 * for a reader (with O_NONBLOCK and no reader: ENXIO); O_RDWR never waits and holds both ends.
 */
export class FifoRegistry {
  private readonly fifos = new Map<string, Fifo>();
  /** The FIFO a description's pipe belongs to, for its release. */
  private readonly byPipe = new WeakMap<Pipe, Fifo>();
  private readonly sigpipe = (t: Thread): void => this.kernel.signal(t.process, SIGNALS.SIGPIPE, t);
  /**
   * pipeFileOps, but fstat shows the FIFO's own inode, the VFS hears of closes (locks), and the
   * last close may drop the pipe.
   */
  private readonly ops: FileOps = {
    ...pipeFileOps,
    stat: (f) => inodeOf(f)!.stat(),
    closed: (f, fds) => this.hooks.closed(f, fds),
    release: (f) => {
      pipeFileOps.release!(f);
      this.hooks.released(f);
      this.dropIfIdle(this.byPipe.get(f.state as Pipe));
    },
  };

  constructor(
    private readonly kernel: PipeKernel,
    /** The VFS's hooks (advisory locks on FIFOs); settable later, like Vfs.setHooks. */
    public hooks: OpenHooks = NO_HOOKS,
  ) {}

  /**
   * Opens FIFO `inode` with open(2) `flags` for thread `t`. Returns the new description (its
   * `node` already set to `inode`; the caller sets `mount` and allocates the descriptor) or PARK
   * when it must wait for the other side: the caller returns PARK and the kernel re-runs the
   * whole open (path walk included) later, ending here again. Throws ENXIO for O_WRONLY |
   * O_NONBLOCK without a reader. `path` becomes OpenFile.path (for /proc and strace).
   * Not for O_PATH opens, which open no end (the caller must not come here for them).
   */
  open(t: Thread, inode: Inode, flags: number, path = ''): OpenFile | typeof PARK {
    const key = `${inode.fs.dev}:${inode.ino}`;
    const acc = flags & O.ACCMODE;
    const reader = acc === O.RDONLY;
    const prior = t.progress instanceof Opener ? t.progress : undefined;
    if (prior) {
      // A re-run of a parked open: carry on with the count it holds, unless the walk now ends
      // at another FIFO (renamed meanwhile), which starts afresh.
      t.progress = undefined;
      if (t.parkCleanup === prior.onExit) t.parkCleanup = undefined;
      if (!prior.done && prior.fifo.key === key && prior.reader === reader && this.fifos.get(key) === prior.fifo) {
        return this.finishWait(prior, inode, flags, path);
      }
      this.abandon(prior);
    }
    const known = this.fifos.get(key);
    if (known) this.prune(known);
    const nonblock = (flags & O.NONBLOCK) !== 0;
    if (acc === O.WRONLY && nonblock && !((this.fifos.get(key)?.pipe.readers ?? 0) > 0)) throw E.ENXIO;
    const fifo = this.fifos.get(key) ?? this.create(key, inode);
    const pipe = fifo.pipe;
    if (acc === O.RDWR) {
      pipe.open(true, true);
      this.wakeOpeners(fifo, true, true);
      return this.file(pipe, inode, flags, path);
    }
    // The other side's open count before ours: ours may be what wakes it, never what lets us in.
    const partnerOpens = reader ? pipe.writerOpens : pipe.readerOpens;
    pipe.open(reader, !reader);
    this.wakeOpeners(fifo, !reader, reader);
    const partners = reader ? pipe.writers : pipe.readers;
    if (partners > 0) return this.file(pipe, inode, flags, path);
    if (nonblock) {
      // Only a reader gets here (a writer had its ENXIO): it opens at once, without POLLHUP
      // until a writer has come.
      const f = this.file(pipe, inode, flags, path);
      suppressHupUntilWriter(f, pipe);
      return f;
    }
    const op = new Opener(t, fifo, reader, partnerOpens);
    fifo.pending.add(op);
    return this.park(op);
  }

  /** The pipe of an open FIFO inode, or undefined when nobody has it open (tests, /proc). */
  pipe(inode: Inode): Pipe | undefined {
    return this.fifos.get(`${inode.fs.dev}:${inode.ino}`)?.pipe;
  }

  /** A parked opener runs again: through if the other side opened meanwhile, else back to waiting. */
  private finishWait(op: Opener, inode: Inode, flags: number, path: string): OpenFile | typeof PARK {
    const pipe = op.fifo.pipe;
    const opens = op.reader ? pipe.writerOpens : pipe.readerOpens;
    if (opens === op.partnerOpens) return this.park(op);
    op.done = true;
    op.fifo.pending.delete(op);
    return this.file(pipe, inode, flags, path); // the count taken on the first run is the file's now
  }

  private park(op: Opener): typeof PARK {
    const t = op.t;
    op.woken = false;
    op.fifo.waiting.add(op);
    t.progress = op;
    t.park();
    t.parkCleanup = () => {
      op.fifo.waiting.delete(op);
      if (!op.woken) {
        this.abandon(op); // a signal (EINTR / restart) or the thread's exit
        return;
      }
      // Woken: the count stays for the re-run, but if the thread dies before that, drop it.
      op.onExit = () => this.abandon(op);
      t.parkCleanup = op.onExit;
    };
    return PARK;
  }

  /** Wakes parked readers / writers of `fifo` (each re-checks the other side's count when re-run). */
  private wakeOpeners(fifo: Fifo, readers: boolean, writers: boolean): void {
    if (fifo.waiting.size === 0) return;
    for (const op of [...fifo.waiting]) {
      if (op.reader ? !readers : !writers) continue;
      op.woken = true;
      op.t.wake();
    }
  }

  /** Gives back an opener's count (it will not become a file). */
  private abandon(op: Opener): void {
    if (op.done) return;
    op.done = true;
    const fifo = op.fifo;
    fifo.waiting.delete(op);
    fifo.pending.delete(op);
    fifo.pipe.close(op.reader, !op.reader);
    this.dropIfIdle(fifo);
  }

  /**
   * Drops counts of woken openers whose re-run ended without reaching us (the walk failed, say:
   * the kernel then cleared t.progress) or whose thread is gone.
   */
  private prune(fifo: Fifo): void {
    for (const op of fifo.pending) if (op.t.exited || op.t.progress !== op) this.abandon(op);
  }

  private create(key: string, inode: Inode): Fifo {
    const st = inode.stat();
    const pipe = new Pipe(inode.ino, st.uid, st.gid, this.kernel.clock.realtimeNs(), this.sigpipe, undefined, this.kernel.io);
    const fifo: Fifo = { key, pipe, waiting: new Set(), pending: new Set() };
    this.fifos.set(key, fifo);
    this.byPipe.set(pipe, fifo);
    return fifo;
  }

  /** With no end open and nobody waiting the FIFO's pipe goes, and its data with it. */
  private dropIfIdle(fifo: Fifo | undefined): void {
    if (!fifo || fifo.pipe.readers > 0 || fifo.pipe.writers > 0) return;
    if (this.fifos.get(fifo.key) === fifo) this.fifos.delete(fifo.key);
  }

  /** A description for an end whose count is already taken. */
  private file(pipe: Pipe, inode: Inode, flags: number, path: string): OpenFile {
    const f = new OpenFile(this.ops, flags & ~OPEN_ONLY, path);
    f.state = pipe;
    f.node = inode;
    pipe.attach(f);
    return f;
  }
}
