import 'reflect-metadata';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { buildImage } from '@kandelo/sys-fs';
import { imageTreeFromDir } from './image-from-dir.js';
import { withDefaults } from './mkimage.js';
import type { KernelConfig } from '@kandelo/kernel-core';
import { constants as osConstants } from 'node:os';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { defaultRootfsPath } from './default-rootfs.js';
import { consoleIsTerminal, enterRawMode } from './host-terminal.js';
import { type BootOptions, NodeKernel, shellStatus, SpawnError, type SpawnOptions } from './node-kernel.js';

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
  .command('sh')
  .description('boot the default rootfs and run /bin/sh: an interactive login shell on this terminal, or one command with -c')
  .argument('[args...]', 'with -c: $0 and the positional parameters; otherwise options for the shell')
  .option('-c <command>', 'run one command and exit with its status')
  .option('--mount <HOST:GUEST[:ro]>', 'mount a host directory at a guest path (repeatable; :ro for read-only)', collectMount, [])
  .option('--root <image>', 'boot from this root filesystem image (default: $KANDELO_ROOTFS, or the one `npm run ports` builds)')
  .option('--strace', 'print each syscall with decoded arguments and result to stderr')
  .passThroughOptions()
  .action(async (args: string[], opts: ShOptions) => {
    process.exitCode = await sh(args, opts);
  });

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
  const rootImage = readRootImage(opts.root);
  if (rootImage === 2) return 2;
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
  const env = Object.entries(process.env)
    .filter(([k]) => !k.startsWith('npm_') && k !== 'NODE_OPTIONS')
    .map(([k, v]) => `${k}=${v}`);
  return session({ cwd, mounts: [{ guest: cwd, host: cwd }, ...opts.mount], rootImage }, bytes, {
    path: hostPath, argv: [prog, ...args], env, trace: opts.strace ?? false,
  });
}

/** The image at `path` (undefined: the built-in rootfs), or 2 after a readable error. */
function readRootImage(path: string | undefined, hint = ''): Uint8Array | undefined | 2 {
  if (!path) return undefined;
  try {
    return readFileSync(resolve(path));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    process.stderr.write(`kandelo: ${path}: ${missing ? 'No such file or directory' : String(err)}${missing ? hint : ''}\n`);
    return 2;
  }
}

interface ShOptions {
  c?: string;
  root?: string;
  mount: HostMount[];
  strace?: boolean;
}

/** `kandelo sh`: /bin/sh from the rootfs image, as a login shell on the console or with -c. */
async function sh(args: string[], opts: ShOptions): Promise<number> {
  const rootPath = opts.root ?? defaultRootfsPath();
  const rootImage = readRootImage(rootPath, opts.root ? '' : ' (build the default rootfs with `npm run ports`, or pass --root IMAGE)');
  if (rootImage === 2) return 2;
  const home = '/root';
  const env = [
    'HOME=/root', 'USER=root', 'LOGNAME=root', 'SHELL=/bin/sh', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    `TERM=${consoleIsTerminal() ? (process.env.TERM ?? 'xterm-256color') : 'dumb'}`, `PWD=${home}`,
  ];
  if (process.env.LANG) env.push(`LANG=${process.env.LANG}`);
  // A login shell (argv[0] "-sh" reads /etc/profile) unless it runs one command.
  const argv = opts.c !== undefined ? ['sh', '-c', opts.c, ...args] : ['-sh', ...args];
  return session({ cwd: home, mounts: opts.mount, rootImage }, undefined, { path: '/bin/sh', argv, env, trace: opts.strace ?? false });
}

/**
 * Boots a kernel, runs one program in it (bytes, or a guest path when undefined) with the host
 * terminal raw while the console is a pty, and returns the shell-style exit status.
 */
async function session(boot: BootOptions, bytes: Uint8Array | undefined, spec: SpawnOptions & { path: string }): Promise<number> {
  let kernel: NodeKernel;
  try {
    kernel = await NodeKernel.boot(boot);
  } catch (err) {
    process.stderr.write(`kandelo: cannot boot: ${(err as Error).message}\n`);
    return 2;
  }
  const restoreTerminal = enterRawMode();
  try {
    // The program's process group is its own (pid = pgid): SIGTERM and SIGHUP to the CLI go to
    // that group, as does SIGINT when the console is not a pty (a pty's ^C is the guest's own).
    let pgid = 0;
    const forward = (name: NodeJS.Signals) => {
      if (pgid) kernel.signalGroup(pgid, osConstants.signals[name]);
    };
    const names: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const n of names) process.on(n, forward);
    try {
      const status = await kernel.spawn(bytes, spec, (pid) => {
        pgid = pid;
      });
      return shellStatus(status);
    } finally {
      for (const n of names) process.off(n, forward);
    }
  } catch (err) {
    if (err instanceof SpawnError) {
      process.stderr.write(`kandelo: ${err.message}\n`);
      return /No such file/.test(err.message) ? 127 : 126;
    }
    throw err;
  } finally {
    restoreTerminal();
    await kernel.shutdown();
  }
}

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  process.stderr.write(`kandelo: ${(err as Error).stack ?? err}\n`);
  process.exit(70);
});
