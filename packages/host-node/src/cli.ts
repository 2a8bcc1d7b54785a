import { readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
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
  .passThroughOptions()
  .action(async (prog: string, args: string[], opts: { strace?: boolean }) => {
    process.exitCode = await run(prog, args, opts.strace ?? false);
  });

async function run(prog: string, args: string[], trace: boolean): Promise<number> {
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
  const kernel = await NodeKernel.boot();
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
