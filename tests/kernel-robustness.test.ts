import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { program, repoRoot } from './lib/run.js';

const multi = fileURLToPath(new URL('./lib/multi-run.mjs', import.meta.url));

function runMany(specs: string[]): Promise<{ statuses: number[]; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [multi, ...specs], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => {
      const lines = out.trimEnd().split('\n');
      resolve({ statuses: JSON.parse(lines.at(-1)!), stdout: lines.slice(0, -1).join('\n') });
    });
  });
}

describe('one kernel, several processes', () => {
  it('keeps serving the others while one traps, faults or aborts', async () => {
    const { statuses, stdout } = await runMany([
      `${program('trap')}:oob`, `${program('qsort')}`, `${program('trap')}:unreachable`, `${program('abort')}`,
      `${program('errno')}`, `${program('hello')}`,
    ]);
    expect(statuses).toEqual([139, 0, 132, 134, 0, 0]);
    expect(stdout).toContain('sorted 200000 ints');
    expect(stdout).toContain('hello, world');
    expect(stdout).toMatch(/EFAULT/);
  });
});
