import 'reflect-metadata';
import { container } from 'tsyringe';
import { createKernel, type Kernel, type KernelConfig, type KernelLog, type Profile, TOKENS } from '@kandelo/kernel-core';
import { defaultProfile } from '@kandelo/profile-default';
import { NodeClock, NodeRandom } from './node-clock.js';
import type { NodeConsole } from './node-console.js';
import { NodeHostFs } from './node-host-fs.js';
import type { NodeProcessRunner } from './node-process-runner.js';

export const stderrLog: KernelLog = {
  error: (...a) => console.error('kandelo kernel:', ...a),
  warn: (...a) => console.error('kandelo:', ...a),
  trace: (line) => process.stderr.write(line + '\n'),
};

/** The Node host's composition root: host services into a container, then the profile's kernel. */
export function composeNodeKernel(opts: {
  config: KernelConfig;
  console: NodeConsole;
  runner: NodeProcessRunner;
  log?: KernelLog;
  profile?: Profile;
}): Kernel {
  const c = container.createChildContainer();
  c.registerInstance(TOKENS.KernelConfig, opts.config);
  c.registerInstance(TOKENS.HostClock, new NodeClock());
  c.registerInstance(TOKENS.HostRandom, new NodeRandom());
  c.registerInstance(TOKENS.HostConsole, opts.console);
  c.registerInstance(TOKENS.HostFileSystem, new NodeHostFs());
  c.registerInstance(TOKENS.HostProcessRunner, opts.runner);
  c.registerInstance(TOKENS.KernelLog, opts.log ?? stderrLog);
  return createKernel({ container: c, subsystems: (opts.profile ?? defaultProfile).subsystems });
}
