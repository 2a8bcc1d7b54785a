import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM helper shared with the benchmark runner
import { compileC } from '../../scripts/lib/compile-c.mjs';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cli = fileURLToPath(new URL('../../packages/host-node/bin/kandelo.js', import.meta.url));

/** Compiles tests/c/<name>.c with the SDK (cached) and returns the .wasm path. */
export function program(name: string): string {
  return compileC(fileURLToPath(new URL(`../c/${name}.c`, import.meta.url))) as string;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout as bytes. */
  out: Buffer;
}

/** Runs the kandelo CLI with `args`, feeding `input` to stdin. */
export function kandelo(args: string[], opts: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: opts.cwd ?? repoRoot,
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const bytes = Buffer.concat(out);
      resolve({ code, stdout: bytes.toString(), stderr: Buffer.concat(err).toString(), out: bytes });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}
