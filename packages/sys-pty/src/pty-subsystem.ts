import { inject, injectable } from 'tsyringe';
import {
  type HostClock, type HostConsole, type Kernel, O, OpenFile, type Subsystem, type SyscallEntry, TOKENS,
} from '@kandelo/kernel-core';
import type { Vfs } from '@kandelo/sys-fs';
import { ConsolePty } from './console-pty.js';
import { DevPtsFs } from './devpts-fs.js';

/**
 * @kandelo/sys-pty: devpts on /dev/pts (with /dev/ptmx), the line discipline, controlling
 * terminals and terminal job control. Its calls are ioctls on its own files, so it claims no
 * syscalls. When the host's stdin and stdout are both terminals, the console is a pty too: a
 * process the host spawns gets its slave as fds 0-2 and as its controlling terminal (this
 * subsystem's spawn hook runs after sys-fs's, which gave it the plain host streams).
 */
@injectable()
export class PtySubsystem implements Subsystem {
  readonly name = '@kandelo/sys-pty';
  readonly syscalls: readonly SyscallEntry[] = [];
  readonly devpts: DevPtsFs;
  readonly console: ConsolePty | undefined;

  constructor(
    @inject(TOKENS.Kernel) kernel: Kernel,
    @inject(TOKENS.Vfs) vfs: Vfs,
    @inject(TOKENS.HostConsole) hostConsole: HostConsole,
    @inject(TOKENS.HostClock) clock: HostClock,
  ) {
    const devpts = (this.devpts = new DevPtsFs(kernel, vfs.allocDev(), () => clock.realtimeNs()));
    vfs.mountAt('/dev/pts', devpts, 'devpts', { readonly: false, nosuid: true, noexec: true });
    if (!hostConsole.isTerminal(0) || !hostConsole.isTerminal(1)) return;
    const con = (this.console = new ConsolePty(devpts.create(), hostConsole));
    const pty = con.pty;
    kernel.onSpawn((p) => {
      const slave = pty.reopen(O.RDWR);
      const f = new OpenFile(slave.ops, O.RDWR, `/dev/pts/${pty.index}`);
      f.state = slave.state;
      f.node = devpts.root.lookup(String(pty.index));
      p.fds.set(0, f);
      p.fds.set(1, f.ref());
      p.fds.set(2, f.ref());
      // A host-spawned process leads its own session: the console becomes its terminal, unless
      // an earlier spawn's session still holds it.
      if (!pty.sid) pty.attach(p);
    });
  }
}
