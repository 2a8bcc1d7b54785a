import { container, type DependencyContainer } from 'tsyringe';
import type {
  HostClock, HostConsole, HostProcessRunner, HostRandom, KernelConfig, KernelLog, ThreadFault, ThreadStart,
} from '../host/host-services.js';
import { TOKENS } from '../plugin/tokens.js';

/** In-memory host services for unit tests: no workers, no files, a fixed clock. */
export class FakeRunner implements HostProcessRunner {
  readonly started: ThreadStart[] = [];
  readonly stopped: [number, number, boolean][] = [];
  faults = new Map<string, (f: ThreadFault) => void>();
  start(s: ThreadStart, onFault: (f: ThreadFault) => void): void {
    this.started.push(s);
    this.faults.set(`${s.pid}:${s.tid}`, onFault);
  }
  stop(pid: number, tid: number, recyclable = false, gone?: () => void): void {
    this.stopped.push([pid, tid, recyclable]);
    gone?.();
  }
}

export class FakeLog implements KernelLog {
  readonly errors: unknown[][] = [];
  readonly lines: string[] = [];
  error(...a: unknown[]): void {
    this.errors.push(a);
  }
  warn(...a: unknown[]): void {
    this.errors.push(a);
  }
  trace(line: string): void {
    this.lines.push(line);
  }
}

export const fakeClock: HostClock = { realtimeNs: () => 1_700_000_000_000_000_000n, monotonicNs: () => 5_000_000_000n };
export const fakeRandom: HostRandom = { fill: (out) => out.fill(7) };
export const fakeConsole: HostConsole = {
  write: (_fd, data) => data.length,
  read: () => 0,
  onReady: () => {},
  isTerminal: () => false,
  windowSize: () => undefined,
};
export const fakeConfig: KernelConfig = { hostname: 'test', mounts: [], cwd: '/', memoryLimit: 1 << 30 };

/** A container with fake host services registered, for composing kernels in tests. */
export function fakeHostContainer(): { c: DependencyContainer; runner: FakeRunner; log: FakeLog } {
  const c = container.createChildContainer();
  const runner = new FakeRunner();
  const log = new FakeLog();
  c.registerInstance(TOKENS.HostClock, fakeClock);
  c.registerInstance(TOKENS.HostRandom, fakeRandom);
  c.registerInstance(TOKENS.HostConsole, fakeConsole);
  c.registerInstance(TOKENS.HostProcessRunner, runner);
  c.registerInstance(TOKENS.KernelLog, log);
  c.registerInstance(TOKENS.KernelConfig, fakeConfig);
  return { c, runner, log };
}
