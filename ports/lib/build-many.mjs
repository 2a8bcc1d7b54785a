// Builds several ports, `concurrency` at a time: a configure script is mostly one shell waiting for
// one compiler at a time, so two builds side by side keep two cores busy where one would not.
import { availableParallelism } from 'node:os';
import { buildPort } from './build-port.mjs';

/**
 * Builds `names` (each cached as buildPort does) and returns their results in the same order.
 * hooks.onStart(name), hooks.onStep(name, step) and hooks.onDone(name, result, seconds) report
 * progress. The first failure is thrown after the builds under way have ended.
 */
export async function buildPorts(names, { concurrency = Math.max(1, availableParallelism()), jobs, onStart = () => {}, onStep = () => {}, onDone = () => {} } = {}) {
  const results = new Array(names.length);
  let next = 0;
  let failure;
  const worker = async () => {
    while (failure === undefined && next < names.length) {
      const i = next++;
      const name = names[i];
      const started = Date.now();
      onStart(name);
      try {
        results[i] = await buildPort(name, { jobs, onStep: (step) => onStep(name, step) });
        onDone(name, results[i], (Date.now() - started) / 1000);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  if (failure !== undefined) throw failure;
  return results;
}
