// Runs a command with stdout and stderr appended to a log file; rejects with a StepError.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { StepError } from './step-error.mjs';

export function runLogged({ port, step, cmd, args, cwd, env, logFile }) {
  const fd = openSync(logFile, 'a');
  writeSync(fd, `\n$ (cd ${cwd} && ${[cmd, ...args].join(' ')})\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] });
    child.on('error', (err) => {
      closeSync(fd);
      reject(new StepError(port, step, `${cmd}: ${err.message}`, logFile));
    });
    child.on('close', (code, signal) => {
      closeSync(fd);
      if (code === 0) resolve();
      else reject(new StepError(port, step, `${[cmd, ...args].join(' ')} exited with ${signal ?? code}`, logFile));
    });
  });
}
