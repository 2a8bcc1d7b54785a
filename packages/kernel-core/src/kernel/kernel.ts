import { inject, injectable } from 'tsyringe';
import { CHANNEL } from '../abi/channel-layout.js';
import { E } from '../abi/errno.js';
import { CLD, SA, SIG_IGN, SIGNALS, signalName } from '../abi/constants.js';
import type {
  HostClock, HostProcessRunner, HostRandom, KernelConfig, KernelLog, ThreadEntry, ThreadFault,
} from '../host/host-services.js';
import { TOKENS } from '../plugin/tokens.js';
import { IoArena } from '../io/io-arena.js';
import { inheritProcessState, resetForExec } from '../process/inherit.js';
import { exitStatus, RLIMIT, signalStatus, type Process } from '../process/process.js';
import type { ProcessTable } from '../process/process-table.js';
import { ProcessMemory } from '../process/process-memory.js';
import { defaultAction, type SigInfo } from '../process/signal-state.js';
import { Thread } from '../process/thread.js';
import type { SyscallRouter } from '../router/syscall-router.js';
import { Strace } from '../strace/strace.js';
import { ChannelServer } from './channel-server.js';
import { createDoorbell } from './doorbell.js';
import { copyMemoryForFork } from './fork-memory.js';
import { inspectImage, loadImage, type ImageSpec } from './image-loader.js';
import { groupMembers, groupsAtRisk, hangUpOrphanedGroups, isOrphanedGroup, TTY_STOPS } from './job-control.js';
import { ModuleCache } from './module-cache.js';
import { signalOutcome, unblockedDefaultSignals } from './signal-actions.js';
import { attachDelivery, interruptedResult, nextCaught, requestAttention } from './signal-delivery.js';

/** Signal a trap message maps to, as Linux would deliver it for the equivalent fault. */
export function trapSignal(message: string): number {
  if (/unreachable/i.test(message)) return SIGNALS.SIGILL;
  if (/divide by zero|integer overflow|remainder by zero/i.test(message)) return SIGNALS.SIGFPE;
  return SIGNALS.SIGSEGV;
}

/** A loaded, compiled program ready to become a process image. */
export interface LoadedImage {
  readonly spec: ImageSpec;
  readonly module: WebAssembly.Module;
  readonly info: ReturnType<typeof inspectImage>;
}

/**
 * The kernel: process lifecycle (spawn, fork, exec, exit), the channel server, and the hooks
 * subsystems share. Syscall semantics live in the subsystems; this class owns what they all need.
 */
@injectable()
export class Kernel {
  readonly server: ChannelServer;
  readonly modules = new ModuleCache();
  /** Pipe rings and fd maps shared with the workers (undefined when configured off). */
  readonly io: IoArena | undefined;
  private router: SyscallRouter | undefined;
  private readonly strace: Strace;
  /** Hooks run when the host spawns a process (sys-fs installs stdio and cwd). */
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
    this.server = new ChannelServer(this.dispatch, createDoorbell(), config.cpus ?? 2);
    this.server.beforeComplete = attachDelivery;
    this.server.afterPark = (t) => this.interruptIfCaught(t);
    this.io = config.ioDataBytes === 0 ? undefined : new IoArena(config.ioDataBytes);
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

  /** Syscalls dispatched so far: marks "the same call" for caches valid only within one. */
  calls = 0;

  private readonly dispatch = (t: Thread, nr: number, a: number, b: number, c: number, d: number, e: number, f: number): number => {
    const router = this.router!;
    this.calls++;
    if (!t.process.trace) return router.dispatch(t, nr, a, b, c, d, e, f);
    const entry = this.strace.enter(t, nr, [a, b, c, d, e, f]);
    const r = router.dispatch(t, nr, a, b, c, d, e, f);
    this.strace.exit(t, entry, r);
    return r;
  };

  /** Checks and compiles a program (cached by content and by file: see ModuleCache). */
  async load(spec: ImageSpec): Promise<LoadedImage> {
    return { spec, ...(await this.modules.load(spec)) };
  }

  /** A process started by the host (no parent): host stdio, the configured cwd. */
  async spawn(spec: ImageSpec): Promise<Process> {
    const image = await this.load(spec);
    const p = this.processes.create(this.clock.monotonicNs());
    p.trace = spec.trace ?? false;
    try {
      for (const hook of this.spawnHooks) hook(p, spec);
      this.startImage(p, image);
    } catch (err) {
      p.fds.closeAll();
      this.processes.remove(p.pid);
      throw err;
    }
    return p;
  }

  /** A new process inheriting `parent`'s state, not yet running anything (posix_spawn, fork). */
  createChild(parent: Process): Process {
    const uid = parent.creds.uid;
    let count = 0;
    for (const q of this.processes.all()) if (q.creds.uid === uid) count++;
    if (count >= parent.rlimits[RLIMIT.NPROC]![0]) throw E.EAGAIN;
    const child = this.processes.create(this.clock.monotonicNs());
    inheritProcessState(child, parent);
    return child;
  }

  /** Lays out `image` in a fresh memory of `p` and starts its main thread (tid = pid). */
  startImage(p: Process, image: LoadedImage): void {
    const { channel, block } = loadImage(p, image.module, image.info, image.spec, this.config.memoryLimit, this.random);
    this.startThread(p, p.pid, channel, { kind: 'main', block });
  }

  /** Starts a thread of `p` on a worker, served through the channel at `channel`. */
  startThread(p: Process, tid: number, channel: number, entry: ThreadEntry): Thread {
    const t = new Thread(tid, p, channel, this.server);
    p.threads.set(tid, t);
    p.memory.u8.fill(0, channel, channel + CHANNEL.SIZE);
    this.server.add(t);
    const io = this.io;
    if (io && !p.fds.mirror) {
      const m = io.fdMap();
      if (m) p.fds.attachMirror(m);
    }
    t.ioOwner = io ? io.owner() : 0;
    const fdMap = p.fds.mirror?.index ?? -1;
    this.runner.start(
      {
        pid: p.pid, tid, module: p.module, memory: p.memory.memory, channel, entry, doorbell: this.server.doorbell,
        io: io && { arena: io.sab, fdMap, owner: t.ioOwner },
      },
      (fault) => this.onFault(t, fault),
    );
    return t;
  }

  /**
   * fork: the calling thread's stack is unwound into `buf`; the child gets a copy of the memory
   * and of the process state, and only the calling thread, which rewinds to return 0.
   */
  fork(t: Thread, buf: number, sp: number, tls: number, from: 'main' | 'thread'): Process {
    const parent = t.process;
    const child = this.createChild(parent);
    child.execed = false;
    child.memory = new ProcessMemory(copyMemoryForFork(parent, sp, from === 'main'));
    child.mm = parent.mm.clone();
    child.module = parent.module;
    child.attention = parent.attention;
    child.threads.clear();
    const ct = this.startThread(child, child.pid, t.channel, { kind: 'fork', from, buf, sp, tls });
    ct.sigmask = t.sigmask;
    ct.altStack = t.altStack;
    ct.comm = t.comm;
    return child;
  }

  /**
   * execve: replaces `t`'s process image with `image`. Other threads end; the caller's worker is
   * released from its call (the glue leaves wasm) and the new image starts on a fresh worker.
   */
  exec(t: Thread, image: LoadedImage): void {
    const p = t.process;
    for (const th of [...p.threads.values()]) {
      this.endThreadWorker(th, th === t);
      if (th.tid !== p.pid) this.processes.releaseId(th.tid);
    }
    p.threads.clear();
    p.mm.releaseAll(p.memory);
    resetForExec(p);
    this.startImage(p, image);
    const main = p.threads.get(p.pid)!;
    main.sigmask = t.sigmask;
  }

  /**
   * Stops a thread's worker; `released`: it is parked in a call the kernel now completes. `gone`
   * runs once the worker no longer touches process memory.
   */
  private endThreadWorker(t: Thread, released: boolean, gone?: () => void): void {
    t.process.cpuNs += this.threadCpuNs(t);
    t.exited = true;
    t.unpark();
    this.server.remove(t);
    // A worker stopped in the middle of a pipe copy may hold a ring lock: drop it once it is gone.
    const owner = t.ioOwner;
    this.runner.stop(t.process.pid, t.tid, released, () => {
      if (owner) this.io?.releaseOwner(owner);
      gone?.();
    });
    if (released) this.server.complete(t, 0);
  }

  private onFault(t: Thread, fault: ThreadFault): void {
    const p = t.process;
    if (p.zombie || t.exited) return;
    if (fault.kind === 'trap') {
      const sig = trapSignal(fault.message);
      this.log.warn(`pid ${p.pid} (${p.argv[0] ?? p.exe}) killed by ${signalName(sig)}: ${fault.message}`);
      this.exitProcess(p, signalStatus(sig, defaultAction(sig) === 'core'));
    } else if (fault.kind === 'returned') {
      this.exitProcess(p, exitStatus(0));
    } else {
      this.log.warn(`pid ${p.pid} (${p.argv[0] ?? p.exe}): worker died: ${fault.message}`);
      this.exitProcess(p, signalStatus(SIGNALS.SIGKILL, false));
    }
  }

  /** Ends one thread (SYS_exit); the last thread's exit ends the process with `code`. */
  exitThread(t: Thread, code: number): void {
    const p = t.process;
    if (p.threads.size <= 1) {
      this.exitProcess(p, exitStatus(code), t);
      return;
    }
    p.threads.delete(t.tid);
    const { memory, mm } = p;
    // The channel page the kernel mapped for the thread (see clone) goes back to the address
    // space only once the worker has left wasm: until then its glue may still store into it, and
    // a new thread given the same page would lose its own state.
    this.endThreadWorker(t, true, () => {
      if (p.zombie || p.memory !== memory) return; // the process ended or exec'd meanwhile
      const m = mm.find(t.channel);
      if (m && m.name === '[channel]') mm.remove(m.start, m.end);
    });
    // The tid is cleared at once, so a join is quick: after its exit call the glue touches
    // nothing but the channel (the result sits in wasm locals) before it traps out.
    if (t.clearChildTid) {
      try {
        p.memory.setU32(t.clearChildTid, 0);
      } catch {
        // an unmapped address: nothing to clear (Linux ignores the fault too)
      }
      this.futexWake(p, t.clearChildTid, 1);
    }
    this.processes.releaseId(t.tid);
  }

  /**
   * CPU time thread `t` has used, as the host meters its worker; hosts that cannot meter threads
   * give the wall time since the process started (an upper bound).
   */
  threadCpuNs(t: Thread): bigint {
    if (t.exited) return 0n;
    return this.runner.cpuTimeNs?.(t.process.pid, t.tid) ?? this.clock.monotonicNs() - t.process.startNs;
  }

  /** CPU time of the whole process: its ended threads plus its live ones. */
  processCpuNs(p: Process): bigint {
    let ns = p.cpuNs;
    for (const t of p.threads.values()) ns += this.threadCpuNs(t);
    return ns;
  }

  /** Futex wake hook: set by the subsystem implementing futex (sys-proc). */
  futexWake: (p: Process, addr: number, n: number) => number = () => 0;

  /**
   * Ends every thread of `p` with wait status `status`: fds closed, workers stopped, children
   * re-parented, parent told. `caller` is a thread making an exit call, whose worker is reused.
   */
  exitProcess(p: Process, status: number, caller?: Thread): void {
    if (p.zombie) return;
    const atRisk = groupsAtRisk(this.processes, p);
    const ctty = p.sid === p.pid ? p.ctty : undefined;
    for (const t of p.threads.values()) {
      this.endThreadWorker(t, t === caller);
      if (t.tid !== p.pid) this.processes.releaseId(t.tid);
    }
    p.threads.clear();
    p.mm?.releaseAll(p.memory);
    p.fds.closeAll();
    p.markExited(status);
    // A session leader's exit releases its controlling terminal (SIGHUP to the foreground group).
    ctty?.leaderExited(p);
    this.reparentChildren(p);
    hangUpOrphanedGroups(this.processes, atRisk, (q, sig) => this.signal(q, sig));
    const parent = this.processes.get(p.ppid);
    const chld = parent?.signals.actions[SIGNALS.SIGCHLD];
    if (parent && !parent.zombie && chld && (chld.handler === SIG_IGN || chld.flags & SA.NOCLDWAIT)) {
      // SIGCHLD ignored or SA_NOCLDWAIT: no zombie; a waiting parent gets ECHILD once all are gone.
      this.reap(parent, p);
      parent.childEvents.wakeAll();
      if (chld.handler !== SIG_IGN) this.signal(parent, SIGNALS.SIGCHLD, undefined, { code: CLD.EXITED, pid: p.pid, uid: p.creds.uid, status: (status >> 8) & 0xff });
    } else if (parent && !parent.zombie) {
      parent.childEvents.wakeAll();
      const sig = status & 0x7f;
      this.signal(parent, SIGNALS.SIGCHLD, undefined, {
        code: sig === 0 ? CLD.EXITED : status & 0x80 ? CLD.DUMPED : CLD.KILLED,
        pid: p.pid, uid: p.creds.uid, status: sig === 0 ? (status >> 8) & 0xff : sig,
      });
    } else {
      this.processes.remove(p.pid); // nobody will reap it
    }
  }

  /** Orphans go to init (pid 1) when it lives; otherwise the kernel reaps them itself. */
  private reparentChildren(p: Process): void {
    const init = this.processes.get(1);
    for (const c of p.children) {
      if (init && init !== p && !init.zombie) {
        c.ppid = 1;
        init.children.add(c);
        if (c.zombie) init.childEvents.wakeAll();
      } else {
        c.ppid = 0;
        if (c.zombie) this.processes.remove(c.pid);
      }
    }
    p.children.clear();
  }

  /** Removes a reaped zombie. */
  reap(parent: Process, child: Process): void {
    parent.childCpuNs += child.cpuNs + child.childCpuNs;
    parent.children.delete(child);
    this.processes.remove(child.pid);
  }

  /**
   * Sends `sig` to `p` (or to thread `target`) with siginfo `info`. A caught signal is delivered
   * when a thread that does not block it completes a call; a thread parked in a call is
   * interrupted (EINTR, or a restart under SA_RESTART). Default actions apply at once.
   */
  signal(p: Process, sig: number, target?: Thread, info?: SigInfo): void {
    // SIGCONT continues a stopped process whatever its disposition (a handler then runs too).
    if (sig === SIGNALS.SIGCONT && p.stopSignal && !p.zombie) this.continueProcess(p);
    if (sig >= 32 && p.signals.queuedRealtime >= p.rlimits[RLIMIT.SIGPENDING]![0]) throw E.EAGAIN;
    const out = signalOutcome(p, sig, target);
    if (out.kind === 'kill') {
      this.exitProcess(p, out.status);
      return;
    }
    if (out.kind === 'stop') {
      // A terminal's stop signals are discarded for an orphaned group (nobody would continue it).
      if (TTY_STOPS.has(sig) && isOrphanedGroup(this.processes, p.pgid)) return;
      this.stopProcess(p, sig);
      return;
    }
    if (out.kind === 'none') return;
    p.signals.record(sig, info ?? { code: 0, pid: 0, uid: 0, status: 0 });
    // Threads parked in rt_sigtimedwait for this signal take it from the pending set; signalfd
    // readers and pollers look again.
    const bit = 1n << BigInt(sig - 1);
    for (const th of target ? [target] : p.threads.values()) if (th.parked && th.sigwaitSet & bit) th.wake();
    p.signals.pendingWait.wakeAll();
    if (out.kind === 'caught' && out.thread?.parked) {
      this.interrupt(out.thread, sig);
    } else if (out.kind === 'caught' && out.thread) {
      this.attention(out.thread); // running, perhaps in a loop without syscalls
    }
  }

  /** Asks a running thread to enter the kernel; one waiting in a worker-side pipe wait wakes. */
  private attention(t: Thread): void {
    requestAttention(t);
    if (!t.exited && !t.parked) this.io?.wakeWaiter(t.process.memory.i32, t.channel);
  }

  /** Ends parked thread `t`'s call for caught signal `sig`: EINTR, or a restart (SA_RESTART). */
  private interrupt(t: Thread, sig: number): void {
    const r = interruptedResult(t, sig, E.EINTR.code);
    t.unpark();
    t.progress = undefined;
    this.server.complete(t, r);
  }

  /**
   * A call that parked with a caught signal already pending (sent while the call waited in the
   * channel to be served: the thread was running then, so nothing interrupted it) is interrupted
   * now, as if the signal had come after the park; else it would sleep with the signal pending.
   */
  interruptIfCaught(t: Thread): void {
    if (!t.parked || ((t.pendingSignals | t.process.signals.pending) & ~t.sigmask) === 0n) return;
    const sig = nextCaught(t);
    if (sig) this.interrupt(t, sig);
  }

  /** Sends `sig` to every live member of process group `pgid`; false when it has none. */
  signalGroup(pgid: number, sig: number, info?: SigInfo): boolean {
    const members = groupMembers(this.processes, pgid);
    for (const q of members) this.signal(q, sig, undefined, info);
    return members.length > 0;
  }

  /** Job-control stop: the process's calls get no answers until SIGCONT; the parent is told. */
  private stopProcess(p: Process, sig: number): void {
    if (p.stopSignal) return;
    p.stopSignal = sig;
    p.waitEvent = 'stopped';
    // Running threads stop at their next call: a loop without calls makes one when asked.
    for (const t of p.threads.values()) this.attention(t);
    this.tellParent(p, CLD.STOPPED, sig);
  }

  private continueProcess(p: Process): void {
    p.stopSignal = 0;
    p.waitEvent = 'continued';
    this.server.resume(p.threads.values());
    this.tellParent(p, CLD.CONTINUED, SIGNALS.SIGCONT);
  }

  /** Wakes a parent's waits and sends it SIGCHLD for a stop or continue (not with SA_NOCLDSTOP). */
  private tellParent(p: Process, code: number, status: number): void {
    const parent = this.processes.get(p.ppid);
    if (!parent || parent.zombie) return;
    parent.childEvents.wakeAll();
    if (parent.signals.actions[SIGNALS.SIGCHLD]!.flags & SA.NOCLDSTOP) return;
    this.signal(parent, SIGNALS.SIGCHLD, undefined, { code, pid: p.pid, uid: p.creds.uid, status });
  }

  /** Re-evaluates pending signals after a mask or disposition change. */
  recheckPending(t: Thread): void {
    for (const sig of unblockedDefaultSignals(t)) {
      this.signal(t.process, sig, t);
      if (t.process.zombie) return;
    }
  }
}
