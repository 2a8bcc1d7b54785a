import 'reflect-metadata';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { buildImage } from '@kandelo/sys-fs';
import { imageTreeFromDir } from './image-from-dir.js';
import { withDefaults } from './mkimage.js';
import type { KernelConfig } from '@kandelo/kernel-core';
import { constants as osConstants } from 'node:os';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { NodeKernel, shellStatus, SpawnError } from './node-kernel.js';

const program = new Command();
program
  .name('kandelo')
  .description('Run POSIX programs compiled to WebAssembly on the Kandelo kernel')
  .enablePositionalOptions()
  .exitOverride();

program
  .command('run')
  .description('run a program built with the kandelo SDK')
  .argument('<program>', 'the .wasm program')
  .argument('[args...]', 'arguments passed to the program')
  .option('--strace', 'print each syscall with decoded arguments and result to stderr')
  .option('--mount <HOST:GUEST[:ro]>', 'mount a host directory at a guest path (repeatable; :ro for read-only)', collectMount, [])
  .option('--root <image>', 'boot from this root filesystem image (see `kandelo mkimage`) instead of the default')
  .passThroughOptions()
  .action(async (prog: string, args: string[], opts: RunOptions) => {
    process.exitCode = await run(prog, args, opts);
  });

interface RunOptions {
  strace?: boolean;
  mount: HostMount[];
  root?: string;
}

type HostMount = KernelConfig['mounts'][number];

/** Parses one --mount value; a readable error (exit 2) for a malformed one. */
function collectMount(value: string, list: HostMount[]): HostMount[] {
  const parts = value.split(':');
  const ro = parts.length === 3 && parts[2] === 'ro';
  if (parts.length < 2 || parts.length > 3 || (parts.length === 3 && !ro) || !parts[0] || !parts[1]?.startsWith('/')) {
    throw new InvalidArgumentError(`expected HOST:GUEST or HOST:GUEST:ro with an absolute GUEST path, got "${value}"`);
  }
  const host = resolve(parts[0]);
  let isDir = false;
  try {
    isDir = statSync(host).isDirectory();
  } catch {
    throw new InvalidArgumentError(`${parts[0]}: no such directory`);
  }
  if (!isDir) throw new InvalidArgumentError(`${parts[0]}: not a directory`);
  return [...list, { host, guest: parts[1], readonly: ro }];
}

program
  .command('mkimage')
  .description('build a root filesystem image from a host directory (symlinks kept, owners set to root)')
  .argument('<dir>', 'the directory whose contents become the image root')
  .argument('<out>', 'the image file to write')
  .option('--defaults', 'start from the default rootfs (FHS layout, /etc files) and lay <dir> on top')
  .action((dir: string, out: string, opts: { defaults?: boolean }) => {
    try {
      if (!statSync(dir).isDirectory()) throw new Error(`${dir}: not a directory`);
      const tree = imageTreeFromDir(resolve(dir));
      const bytes = buildImage(opts.defaults ? withDefaults(tree) : tree);
      writeFileSync(out, bytes);
      process.stdout.write(`${out}: ${bytes.length} bytes\n`);
    } catch (err) {
      process.stderr.write(`kandelo mkimage: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? `${dir}: No such file or directory` : (err as Error).message}\n`);
      process.exitCode = 1;
    }
  });

async function run(prog: string, args: string[], opts: RunOptions): Promise<number> {
  const trace = opts.strace ?? false;
  let rootImage: Uint8Array | undefined;
  if (opts.root) {
    try {
      rootImage = readFileSync(resolve(opts.root));
    } catch (err) {
      process.stderr.write(`kandelo: ${opts.root}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : String(err)}\n`);
      return 2;
    }
  }
  const hostPath = resolve(prog);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(hostPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : code === 'EACCES' ? 'Permission denied' : String(err);
    process.stderr.write(`kandelo: ${prog}: ${why}\n`);
    return code === 'ENOENT' ? 127 : 126;
  }
  const cwd = process.cwd();
  let kernel: NodeKernel;
  try {
    kernel = await NodeKernel.boot({ cwd, mounts: [{ guest: cwd, host: cwd }, ...opts.mount], rootImage });
  } catch (err) {
    process.stderr.write(`kandelo: cannot boot: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    const env = Object.entries(process.env)
      .filter(([k]) => !k.startsWith('npm_') && k !== 'NODE_OPTIONS')
      .map(([k, v]) => `${k}=${v}`);
    // The program's process group is its own (pid = pgid): Ctrl-C in the terminal (SIGINT to the
    // CLI), SIGTERM and SIGHUP go to that group, as a shell forwards them to its foreground job.
    let pgid = 0;
    const forward = (name: NodeJS.Signals) => {
      if (pgid) kernel.signalGroup(pgid, osConstants.signals[name]);
    };
    const names: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const n of names) process.on(n, forward);
    try {
      const status = await kernel.spawn(bytes, { path: hostPath, argv: [prog, ...args], env, trace }, (pid) => {
        pgid = pid;
      });
      return shellStatus(status);
    } finally {
      for (const n of names) process.off(n, forward);
    }
  } catch (err) {
    if (err instanceof SpawnError) {
      process.stderr.write(`kandelo: ${err.message}\n`);
      return 126;
    }
    throw err;
  } finally {
    await kernel.shutdown();
  }
}

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  process.stderr.write(`kandelo: ${(err as Error).stack ?? err}\n`);
  process.exit(70);
});
