import { inject, injectable } from 'tsyringe';
import { CHANNEL } from '../abi/channel-layout.js';
import { SIGNALS, signalName } from '../abi/constants.js';
import type {
  HostClock, HostProcessRunner, HostRandom, KernelConfig, KernelLog, ThreadFault,
} from '../host/host-services.js';
import { TOKENS } from '../plugin/tokens.js';
import { exitStatus, signalStatus, type Process } from '../process/process.js';
import type { ProcessTable } from '../process/process-table.js';
import { defaultAction, sigbit, UNBLOCKABLE } from '../process/signal-state.js';
import { Thread } from '../process/thread.js';
import type { SyscallRouter } from '../router/syscall-router.js';
import { ChannelServer } from './channel-server.js';
import { createDoorbell } from './doorbell.js';
import { inspectImage, loadImage, type ImageSpec } from './image-loader.js';
import { ModuleCache } from './module-cache.js';
import { Strace } from '../strace/strace.js';

/** Signal a trap message maps to, as Linux would deliver it for the equivalent fault. */
export function trapSignal(message: string): number {
  if (/unreachable/i.test(message)) return SIGNALS.SIGILL;
  if (/divide by zero|integer overflow|remainder by zero/i.test(message)) return SIGNALS.SIGFPE;
  return SIGNALS.SIGSEGV;
}

/**
 * The kernel: process lifecycle, the channel server, and the hooks subsystems share. Syscall
 * semantics live in the subsystems; this class owns what every one of them relies on.
 */
@injectable()
export class Kernel {
  readonly server: ChannelServer;
  readonly modules = new ModuleCache();
  private router: SyscallRouter | undefined;
  private readonly strace: Strace;
  /** Hooks run when a process is created by spawn (sys-fs installs stdio and cwd). */
  private readonly spawnHooks: ((p: Process, spec: ImageSpec) => void)[] = [];

  constructor(
    @inject(TOKENS.ProcessTable) readonly processes: ProcessTable,
    @inject(TOKENS.HostProcessRunner) private readonly runner: HostProcessRunner,
    @inject(TOKENS.HostClock) readonly clock: HostClock,
    @inject(TOKENS.HostRandom) readonly random: HostRandom,
    @inject(TOKENS.KernelLog) readonly log: KernelLog,
    @inject(TOKENS.KernelConfig) readonly config: KernelConfig,
  ) {
    this.strace = new Strace(log);
    this.server = new ChannelServer(this.dispatch, createDoorbell());
  }

  /** Installs the router compiled from the profile's subsystems (once, at boot). */
  attachRouter(router: SyscallRouter): void {
    if (this.router) throw new Error('router already attached');
    this.router = router;
  }

  get syscalls(): SyscallRouter {
    if (!this.router) throw new Error('kernel not booted');
    return this.router;
  }

  onSpawn(hook: (p: Process, spec: ImageSpec) => void): void {
    this.spawnHooks.push(hook);
  }

  private readonly dispatch = (t: Thread, nr: number, a: number, b: number, c: number, d: number, e: number, f: number): number => {
    const router = this.router!;
    if (!t.process.trace) return router.dispatch(t, nr, a, b, c, d, e, f);
    const entry = this.strace.enter(t, nr, [a, b, c, d, e, f]);
    const r = router.dispatch(t, nr, a, b, c, d, e, f);
    this.strace.exit(t, entry, r);
    return r;
  };

  /** Creates a process running the module `spec.bytes`; resolves once its first thread started. */
  async spawn(spec: ImageSpec & { parent?: Process }): Promise<Process> {
    const info = inspectImage(spec.path, spec.bytes);
    const module = await this.modules.compile(spec.bytes);
    const p = this.processes.create(this.clock.monotonicNs());
    p.ppid = spec.parent?.pid ?? 0;
    spec.parent?.children.add(p);
    p.trace = spec.trace ?? false;
    try {
      for (const hook of this.spawnHooks) hook(p, spec);
      const image = loadImage(p, module, info, spec, this.config.memoryLimit, this.random);
      this.startThread(p, p.pid, image.channel, image.block);
    } catch (err) {
      this.processes.remove(p.pid);
      throw err;
    }
    return p;
  }

  /** Starts a thread of `p` on a worker, served through the channel at `channel`. */
  startThread(p: Process, tid: number, channel: number, block: number): Thread {
    const t = new Thread(tid, p, channel, this.server);
    p.threads.set(tid, t);
    p.memory.u8.fill(0, channel, channel + CHANNEL.SIZE);
    this.server.add(t);
    this.runner.start(
      { pid: p.pid, tid, module: p.module, memory: p.memory.memory, channel, block, doorbell: this.server.doorbell },
      (fault) => this.onFault(t, fault),
    );
    return t;
  }

  private onFault(t: Thread, fault: ThreadFault): void {
    const p = t.process;
    if (p.zombie) return;
    if (fault.kind === 'trap') {
      this.log.warn(`pid ${p.pid} (${p.argv[0] ?? p.exe}) killed by ${signalName(trapSignal(fault.message))}: ${fault.message}`);
      const sig = trapSignal(fault.message);
      this.exitProcess(p, signalStatus(sig, defaultAction(sig) === 'core'));
    } else if (fault.kind === 'returned') {
      this.exitProcess(p, exitStatus(0));
    } else {
      this.log.warn(`pid ${p.pid}: worker died: ${fault.message}`);
      this.exitProcess(p, signalStatus(SIGNALS.SIGKILL, false));
    }
  }

  /**
   * Ends every thread of `p` with wait status `status`: fds closed, workers stopped, parent told.
   * `caller` is the thread making an exit syscall, whose worker the host may then reuse.
   */
  exitProcess(p: Process, status: number, caller?: Thread): void {
    if (p.zombie) return;
    for (const t of p.threads.values()) {
      t.exited = true;
      t.unpark();
      this.server.remove(t);
      this.runner.stop(p.pid, t.tid, t === caller);
      // Release the caller from its exit call: the glue traps out of wasm and its worker is free.
      if (t === caller) this.server.complete(t, 0);
      if (t.tid !== p.pid) this.processes.releaseId(t.tid);
    }
    p.threads.clear();
    p.fds.closeAll();
    p.markExited(status);
    const parent = this.processes.get(p.ppid);
    if (parent) parent.childEvents.wakeAll();
    else this.processes.remove(p.pid); // no parent to reap it (host-spawned)
  }

  /**
   * Sends `sig` to a process. Until the signals subsystem arrives this applies default actions:
   * terminate (with core flag) unless blocked by every thread, ignored, or caught; a caught or
   * blocked signal stays pending.
   */
  signal(p: Process, sig: number, target?: Thread): void {
    if (p.zombie || sig === 0) return;
    const act = p.signals.actions[sig]!;
    const bit = sigbit(sig);
    const dfl = defaultAction(sig);
    if (!(bit & UNBLOCKABLE)) {
      if (act.handler === 1 || (act.handler === 0 && (dfl === 'ign' || dfl === 'cont'))) return;
      const threads = target ? [target] : [...p.threads.values()];
      if (act.handler > 1 || threads.every((t) => t.sigmask & bit)) {
        p.signals.pending |= bit;
        return;
      }
    }
    if (dfl === 'stop') return; // job control stops arrive with the signals issue
    this.exitProcess(p, signalStatus(sig, dfl === 'core'));
  }

  /** Re-evaluates pending signals after a mask or disposition change. */
  recheckPending(t: Thread): void {
    const p = t.process;
    let pend = p.signals.pending & ~t.sigmask;
    for (let sig = 1; pend && sig < 65; sig++) {
      const bit = sigbit(sig);
      if (!(pend & bit)) continue;
      pend &= ~bit;
      if (p.signals.actions[sig]!.handler > 1) continue;
      p.signals.pending &= ~bit;
      this.signal(p, sig, t);
      if (p.zombie) return;
    }
  }
}
