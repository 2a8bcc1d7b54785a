// Builds every port (cached by content hash; two at a time on 2 cores, see ports/lib/build-many.mjs)
// and the image holding them, once for all the port test files, which may run in parallel workers:
// two workers building the same port would share its build tree.
// KANDELO_PORTS=dash,coreutils,... limits the build to those ports (while working on one port, with
// only its test file run); the default is every port.
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM driver shared with scripts/ports.mjs
import { buildPorts, buildRootfs, listPorts } from '../../ports/lib/index.mjs';

export default async function setup(project: TestProject) {
  const only = process.env.KANDELO_PORTS?.split(',').filter(Boolean);
  const ports: { name: string; root: string }[] = await buildPorts(only ?? listPorts(), {
    onStep: (name: string, step: string) => process.stderr.write(`ports: ${name}: ${step}\n`),
    onDone: (name: string, port: { cached: boolean }, secs: number) => {
      if (!port.cached) process.stderr.write(`ports: ${name}: built in ${Math.round(secs)} s\n`);
    },
  });
  project.provide('portsImage', buildRootfs(ports));
  project.provide('portsDash', join(ports.find((p) => p.name === 'dash')!.root, 'bin/dash'));
}
