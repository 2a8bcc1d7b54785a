import { E, type Kernel, O } from '@kandelo/kernel-core';
import { type Caller, DevChar, DevDir, type DevFsContext, type FsStats, makeDev } from '@kandelo/sys-fs';
import { masterOps, slaveOps } from './pty-files.js';
import { Pty, type PtyHost } from './pty.js';

/** devpts's statfs magic. */
export const DEVPTS_SUPER_MAGIC = 0x1cd1;
/** Unix98 pty slaves' major device number; /dev/ptmx is 5:2. */
const PTS_MAJOR = 136;
const PTMX_RDEV = makeDev(5, 2);
/** Linux's default pty limit (/proc/sys/kernel/pty/max is larger, but 256 minors fit our dev_t). */
export const PTY_MAX = 256;
const TTY_GID = 5;

/**
 * devpts: /dev/pts/ptmx (opening it makes a new pty and yields its master) and one node per live
 * pty, /dev/pts/N, the slave. A pty's node goes away when its master is closed.
 */
export class DevPtsFs implements DevFsContext, PtyHost {
  readonly type = 'devpts';
  readonly readonly = false;
  readonly root: DevDir;
  private nextIno = 1;
  private readonly ptys = new Map<number, Pty>();
  private readonly slave;
  private readonly master;

  constructor(
    readonly kernel: Kernel,
    readonly dev: number,
    private readonly clock: () => bigint,
  ) {
    this.slave = slaveOps(kernel);
    this.master = masterOps(kernel);
    this.root = new DevDir(this, 0o755);
    this.root.add('ptmx', new DevChar(this, 0o666, PTMX_RDEV, (_node, _flags, c) => ({ ops: this.master, state: this.create(c) })));
  }

  allocIno(): number {
    return this.nextIno++;
  }

  now(): bigint {
    return this.clock();
  }

  statfs(): FsStats {
    return { magic: DEVPTS_SUPER_MAGIC, bsize: 4096, blocks: 0, bfree: 0, files: this.ptys.size, ffree: 0, namelen: 255 };
  }

  slaveOps() {
    return this.slave;
  }

  /** A new pty (the lowest free number), its slave node owned by the opener, locked. */
  create(owner?: { uid: number }): Pty {
    let n = 0;
    while (this.ptys.has(n)) n++;
    if (n >= PTY_MAX) throw E.ENOSPC;
    const pty = new Pty(n, this);
    this.ptys.set(n, pty);
    const node = this.root.add(String(n), new DevChar(this, 0o620, makeDev(PTS_MAJOR, n), (_node, flags, c) => this.openSlave(pty, flags, c)));
    node.uid = owner?.uid ?? 0;
    node.gid = TTY_GID;
    return pty;
  }

  /** Opens pty `pty`'s slave for `c`; a session leader without a terminal acquires it. */
  openSlave(pty: Pty, flags: number, c: Caller) {
    if (pty.locked || pty.hungUp) throw E.EIO;
    if (pty.exclusive && c.uid !== 0) throw E.EBUSY;
    const p = c.process;
    const r = pty.reopen(flags);
    if (p && !(flags & O.NOCTTY) && p.sid === p.pid && !p.ctty && !pty.sid) pty.attach(p);
    return r;
  }

  /** A pty by number (the console's). */
  get(n: number): Pty | undefined {
    return this.ptys.get(n);
  }

  released(pty: Pty): void {
    this.ptys.delete(pty.index);
    this.root.drop(String(pty.index));
  }
}
