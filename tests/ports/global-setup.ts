// Builds every port (cached by content hash; a cold build of all of them takes 15 to 20 minutes on
// 2 cores) and the image holding them, once for all the port test files, which may run in parallel
// workers: two workers building the same port would share its build tree.
// KANDELO_PORTS=dash,coreutils,... limits the build to those ports (while working on one port, with
// only its test file run); the default is every port.
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM driver shared with scripts/ports.mjs
import { buildPort, buildRootfs, listPorts } from '../../ports/lib/index.mjs';

export default async function setup(project: TestProject) {
  const ports: { name: string; root: string; cached: boolean }[] = [];
  const only = process.env.KANDELO_PORTS?.split(',').filter(Boolean);
  for (const name of only ?? (listPorts() as string[])) {
    const started = Date.now();
    const port = await buildPort(name, { onStep: (step: string) => process.stderr.write(`ports: ${name}: ${step}\n`) });
    if (!port.cached) process.stderr.write(`ports: ${name}: built in ${Math.round((Date.now() - started) / 1000)} s\n`);
    ports.push(port);
  }
  project.provide('portsImage', buildRootfs(ports));
  project.provide('portsDash', join(ports.find((p) => p.name === 'dash')!.root, 'bin/dash'));
}
