import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { program, repoRoot } from './lib/run.js';

const multi = fileURLToPath(new URL('./lib/multi-run.mjs', import.meta.url));

/** Runs programs in one kernel; `onOutput` sees stdout as it grows and may write to stdin. */
function runMany(specs: string[], onOutput?: (out: string, stdin: NodeJS.WritableStream) => void) {
  return new Promise<{ statuses: number[]; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [multi, ...specs], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      onOutput?.(out, child.stdin);
    });
    child.on('error', reject);
    if (!onOutput) child.stdin.end();
    child.on('close', () => {
      const m = /\nall (\[.*\])\n/.exec(out);
      if (!m) return reject(new Error(`no statuses in:\n${out}`));
      resolve({ statuses: JSON.parse(m[1]!), stdout: out });
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

  it('keeps serving the others while one waits for input', async () => {
    let fed = false;
    const { statuses, stdout } = await runMany([program('stdin'), program('hello'), program('qsort')], (out, stdin) => {
      // Feed the reader only once both others have finished: until then it sits parked in read().
      if (!fed && out.includes('\ndone 1 0\n') && out.includes('\ndone 2 0\n')) {
        fed = true;
        stdin.end('late input\n');
      }
    });
    expect(statuses).toEqual([0, 0, 0]);
    expect(stdout.indexOf('done 1 0')).toBeLessThan(stdout.indexOf('late input'));
    expect(stdout.indexOf('done 2 0')).toBeLessThan(stdout.indexOf('done 0 0'));
  });
});
