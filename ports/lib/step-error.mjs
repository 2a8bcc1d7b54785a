// A failed build step: which port, which step, the command, and the tail of its log.
import { readFileSync } from 'node:fs';

export class StepError extends Error {
  constructor(port, step, detail, logFile) {
    let tail = '';
    try {
      tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
    } catch {}
    super(`port ${port}: ${step} failed: ${detail}` + (logFile ? `\n  log: ${logFile}` : '') + (tail ? `\n--- last lines of the log ---\n${tail}\n---` : ''));
    this.name = 'StepError';
    this.port = port;
    this.step = step;
    this.logFile = logFile;
  }
}
