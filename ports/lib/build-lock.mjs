// One build of a port at a time across processes (vitest workers, `npm run ports` in two shells):
// a lock directory holding the owner's pid; a lock whose owner is gone is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** 'alive', 'dead', or 'unknown' (no pid file yet: the owner writes it right after mkdir). */
function owner(lock) {
  let pid;
  try {
    pid = Number.parseInt(readFileSync(join(lock, 'pid'), 'utf8'), 10);
  } catch {
    return 'unknown';
  }
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (err) {
    return err.code === 'EPERM' ? 'alive' : 'dead';
  }
}

/** Runs `fn` holding the lock directory `lock`; waits while another live process holds it. */
export async function withLock(lock, fn) {
  for (let unknownFor = 0; ; ) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const state = owner(lock);
      unknownFor = state === 'unknown' ? unknownFor + 1 : 0;
      // No pid file for a minute: its owner was killed between mkdir and writing it.
      if (state === 'dead' || unknownFor > 60) rmSync(lock, { recursive: true, force: true });
      else await sleep(1000);
    }
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
