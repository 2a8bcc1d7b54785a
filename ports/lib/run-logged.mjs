// Runs a command with stdout and stderr appended to a log file (stdout to `stdoutFile` instead when
// given, e.g. a generated header); rejects with a StepError.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { StepError } from './step-error.mjs';

export function runLogged({ port, step, cmd, args, cwd, env, logFile, stdoutFile }) {
  const fd = openSync(logFile, 'a');
  const out = stdoutFile ? openSync(stdoutFile, 'w') : fd;
  writeSync(fd, `\n$ (cd ${cwd} && ${[cmd, ...args].join(' ')}${stdoutFile ? ` > ${stdoutFile}` : ''})\n`);
  const close = () => {
    closeSync(fd);
    if (out !== fd) closeSync(out);
  };
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, fd] });
    child.on('error', (err) => {
      close();
      reject(new StepError(port, step, `${cmd}: ${err.message}`, logFile));
    });
    child.on('close', (code, signal) => {
      close();
      if (code === 0) resolve();
      else reject(new StepError(port, step, `${[cmd, ...args].join(' ')} exited with ${signal ?? code}`, logFile));
    });
  });
}
