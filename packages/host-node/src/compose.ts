import 'reflect-metadata';
import { writeSync } from 'node:fs';
import { container } from 'tsyringe';
import { composeKernel, type Kernel, type KernelConfig, type KernelLog, type Profile, TOKENS, type VfsService } from '@kandelo/kernel-core';
import { defaultProfile } from '@kandelo/profile-default';
import { NodeClock, NodeRandom } from './node-clock.js';
import type { NodeConsole } from './node-console.js';
import { NodeHostFs } from './node-host-fs.js';
import type { NodeProcessRunner } from './node-process-runner.js';

const line = (text: string): void => {
  // Synchronous: a worker's process.stderr is an async pipe through the main thread, which may
  // exit (and drop it) as soon as the program's exit status arrives.
  try {
    writeSync(2, text + '\n');
  } catch {
    // stderr closed: nothing to report to
  }
};
const show = (a: unknown[]): string => a.map((x) => (x instanceof Error ? (x.stack ?? x.message) : String(x))).join(' ');

/** Kernel log on the host's stderr. */
export const stderrLog: KernelLog = {
  error: (...a) => line(`kandelo kernel: ${show(a)}`),
  warn: (...a) => line(`kandelo: ${show(a)}`),
  trace: line,
};

/** The Node host's composition root: host services into a container, then the profile's kernel. */
export function composeNodeKernel(opts: {
  config: KernelConfig;
  console: NodeConsole;
  runner: NodeProcessRunner;
  log?: KernelLog;
  profile?: Profile;
}): { kernel: Kernel; vfs: VfsService } {
  const c = container.createChildContainer();
  c.registerInstance(TOKENS.KernelConfig, opts.config);
  c.registerInstance(TOKENS.HostClock, new NodeClock());
  c.registerInstance(TOKENS.HostRandom, new NodeRandom());
  c.registerInstance(TOKENS.HostConsole, opts.console);
  c.registerInstance(TOKENS.HostFileSystem, new NodeHostFs());
  c.registerInstance(TOKENS.HostProcessRunner, opts.runner);
  c.registerInstance(TOKENS.KernelLog, opts.log ?? stderrLog);
  const { kernel, container: kc } = composeKernel({ container: c, subsystems: (opts.profile ?? defaultProfile).subsystems });
  return { kernel, vfs: kc.resolve<VfsService>(TOKENS.Vfs) };
}
