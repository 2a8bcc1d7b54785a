// Fetches a Debian source package (`apt-get source pkg=version`: download, verify, unpack, apply
// Debian's patches) into the source cache, once per version. Returns the unpacked tree.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { logCache, srcCache } from './paths.mjs';
import { runLogged } from './run-logged.mjs';
import { StepError } from './step-error.mjs';

export const sourceDir = ({ package: pkg, version }) => join(srcCache(), `${pkg}_${version}`);

export async function fetchSource(port, source, logFile = join(logCache(), `${port}.log`)) {
  const dest = sourceDir(source);
  if (existsSync(join(dest, 'debian/changelog'))) return dest;
  mkdirSync(srcCache(), { recursive: true });
  mkdirSync(logCache(), { recursive: true });
  const tmp = mkdtempSync(join(srcCache(), `fetch-${source.package}-`));
  try {
    try {
      await runLogged({ port, step: 'fetch', cmd: 'apt-get', args: ['source', '-q', `${source.package}=${source.version}`], cwd: tmp, env: process.env, logFile });
    } catch (err) {
      err.message += `\n  (apt-get source needs a deb-src entry for ${source.suite}: \`npm run bootstrap\` adds one; then \`apt-get update\`)`;
      throw err;
    }
    const dirs = readdirSync(tmp).filter((n) => statSync(join(tmp, n)).isDirectory());
    if (dirs.length !== 1) throw new StepError(port, 'fetch', `expected one unpacked tree in ${tmp}, found ${dirs.join(', ') || 'none'}`, logFile);
    rmSync(dest, { recursive: true, force: true });
    renameSync(join(tmp, dirs[0]), dest);
    return dest;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
