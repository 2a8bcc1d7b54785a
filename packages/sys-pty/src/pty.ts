import {
  type ControllingTerminal, E, type FileOps, type Kernel, type Process, SIGNALS, WaitQueue,
} from '@kandelo/kernel-core';
import { LineDiscipline } from './line-discipline.js';
import { OutputQueue } from './output-queue.js';
import { defaultTermios, type Termios } from './termios.js';

/** What a slave write may queue for the master before it waits (Linux's pty buffer limit). */
export const OUTPUT_MAX = 64 * 1024;

export interface WinSize {
  rows: number;
  cols: number;
  xpixel: number;
  ypixel: number;
}

/** What a pty needs from its surroundings: the kernel (signals) and the slave's file ops (/dev/tty). */
export interface PtyHost {
  readonly kernel: Kernel;
  slaveOps(): FileOps;
  /** The master's last descriptor closed: the /dev/pts entry goes away. */
  released(pty: Pty): void;
}

/**
 * One pseudo-terminal: the master (the terminal emulator's end) and the slave (/dev/pts/N, what
 * programs see), one termios, the line discipline between them, and the session state of a
 * controlling terminal (its session and foreground process group).
 */
export class Pty implements ControllingTerminal {
  termios: Termios = defaultTermios();
  winsize: WinSize = { rows: 0, cols: 0, xpixel: 0, ypixel: 0 };
  sid = 0;
  pgrp = 0;
  /** TIOCSPTLCK: a new pty's slave cannot be opened until unlockpt. */
  locked = true;
  /** TIOCEXCL: further opens of the slave fail with EBUSY (root excepted). */
  exclusive = false;
  /** Every master descriptor closed: the slave reads end of file and its writes fail (EIO). */
  hungUp = false;
  /** Open slave descriptions; when the last closes, master reads fail with EIO. */
  slaveOpens = 0;
  slaveEverOpened = false;
  /** IXON/TCOOFF: output held back from the master. */
  outputStopped = false;
  /** The slave's owner (set by the first open, as devpts does with the opener's ids). */
  uid = 0;
  gid = 5;
  /** Woken when input arrives or is consumed (slave readers, master writers, pollers). */
  readonly inputReady = new WaitQueue();
  /** Woken when output arrives or is consumed (master readers, slave writers, pollers). */
  readonly outputReady = new WaitQueue();
  readonly output: OutputQueue;
  readonly ldisc: LineDiscipline;

  constructor(
    readonly index: number,
    private readonly host: PtyHost,
  ) {
    this.output = new OutputQueue(() => this.termios);
    this.ldisc = new LineDiscipline(() => this.termios, this.output, {
      signal: (sig) => {
        if (this.pgrp) this.host.kernel.signalGroup(this.pgrp, sig);
      },
      flow: (stopped) => {
        this.outputStopped = stopped;
      },
    });
  }

  get slaveClosed(): boolean {
    return this.slaveEverOpened && this.slaveOpens === 0;
  }

  private readonly watchers: (() => void)[] = [];

  /** Something changed on either side: everyone waiting looks again. */
  changed(): void {
    this.inputReady.wakeAll();
    this.outputReady.wakeAll();
    for (const cb of this.watchers) cb();
  }

  /** A kernel-side master (the host console) is told of every change. */
  watch(cb: () => void): void {
    this.watchers.push(cb);
  }

  /** Input from the master side; returns the bytes consumed. */
  input(data: Uint8Array): number {
    const n = this.ldisc.receive(data);
    this.changed();
    return n;
  }

  /** How much more output a slave write may queue now. */
  get outputRoom(): number {
    return OUTPUT_MAX - this.output.size;
  }

  /** Output from the slave side (after OPOST), bounded by OUTPUT_MAX; returns the bytes consumed. */
  write(data: Uint8Array): number {
    const room = this.outputRoom;
    if (room <= 0) return 0;
    const n = this.output.write(data.length > room ? data.subarray(0, room) : data);
    this.changed();
    return n;
  }

  /** What the master reads (nothing while output is stopped). */
  readOutput(out: Uint8Array): number {
    if (this.outputStopped) return 0;
    const n = this.output.read(out);
    if (n) this.changed();
    return n;
  }

  setWinsize(ws: WinSize): void {
    const same = ws.rows === this.winsize.rows && ws.cols === this.winsize.cols
      && ws.xpixel === this.winsize.xpixel && ws.ypixel === this.winsize.ypixel;
    this.winsize = ws;
    if (!same && this.pgrp) this.host.kernel.signalGroup(this.pgrp, SIGNALS.SIGWINCH);
  }

  // --- controlling terminal ------------------------------------------------------------------

  /** `p` (a session leader without one) takes this terminal as its controlling terminal. */
  attach(p: Process): void {
    this.sid = p.sid;
    this.pgrp = p.pgid;
    p.ctty = this;
  }

  /** No process of the session keeps the terminal any more. */
  private detachSession(): void {
    if (this.sid) for (const q of this.host.kernel.processes.all()) if (q.ctty === this) q.ctty = undefined;
    this.sid = 0;
    this.pgrp = 0;
  }

  reopen(_flags: number): { ops: FileOps; state: unknown } {
    if (this.hungUp) throw E.EIO;
    this.slaveOpens++;
    this.slaveEverOpened = true;
    return { ops: this.host.slaveOps(), state: this };
  }

  leaderExited(_leader: Process): void {
    const pgrp = this.pgrp;
    this.detachSession();
    if (pgrp) this.host.kernel.signalGroup(pgrp, SIGNALS.SIGHUP);
  }

  /**
   * TIOCNOTTY by the session leader (Linux's disassociate_ctty(0)): SIGHUP and SIGCONT to the
   * foreground group, and the session loses the terminal.
   */
  leaderGaveUp(): void {
    const pgrp = this.pgrp;
    this.detachSession();
    if (pgrp) {
      this.host.kernel.signalGroup(pgrp, SIGNALS.SIGHUP);
      this.host.kernel.signalGroup(pgrp, SIGNALS.SIGCONT);
    }
  }

  /** The last master descriptor closed: hang up (the session leader gets SIGHUP and SIGCONT). */
  masterClosed(): void {
    this.hungUp = true;
    const leader = this.sid ? this.host.kernel.processes.get(this.sid) : undefined;
    this.detachSession();
    if (leader && !leader.zombie) {
      this.host.kernel.signal(leader, SIGNALS.SIGHUP);
      this.host.kernel.signal(leader, SIGNALS.SIGCONT);
    }
    this.host.released(this);
    this.changed();
  }

  slaveClosedOne(): void {
    this.slaveOpens--;
    this.changed();
  }
}
