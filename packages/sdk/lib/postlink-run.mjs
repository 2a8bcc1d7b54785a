// The Binaryen half of the post-link step (postlink.mjs), run in its own Node process so that the
// V8 flags for Binaryen's 11 MB of wasm can be chosen per job. argv[2] is a JSON job:
// { input, output, poll, asyncify: { imports, functions: [index...], optimize, shrink } | null,
//   names }. Prints { loops } (loops instrumented, -1 when not polled) as JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import binaryen from 'binaryen';
import { addPollHints } from './branch-hints.mjs';
import { instrumentLoops } from './loop-poll.mjs';

const b = binaryen;
const job = JSON.parse(process.argv[2]);
const mod = b.readBinary(readFileSync(job.input));
// Every feature our objects are compiled with (lib/config.mjs FEATURE_FLAGS), and no other.
mod.setFeatures(b.Features.Atomics | b.Features.BulkMemory | b.Features.BulkMemoryOpt | b.Features.ExceptionHandling
  | b.Features.MutableGlobals | b.Features.SignExt | b.Features.NontrappingFPToInt | b.Features.SIMD128);

// Polls first: Asyncify then treats them as ordinary code, skipped while a fork rewinds.
const { loops, address } = job.poll ? instrumentLoops(b, mod) : { loops: -1, address: 0 };

if (job.asyncify) {
  const { imports, functions, optimize, shrink } = job.asyncify;
  // Binaryen's own names (it makes duplicates unique when reading), by function index.
  const names = functions.map((i) => b.getFunctionInfo(mod.getFunctionByIndex(i)).name);
  const bad = names.find((n) => n.includes(','));
  if (bad) throw new Error(`function name ${JSON.stringify(bad)} cannot be put in Asyncify's list`);
  // The optimize level applies to the instrumented functions only (Asyncify's own clean-up).
  b.setOptimizeLevel(optimize);
  b.setShrinkLevel(shrink);
  b.setPassArgument('asyncify-imports', imports);
  b.setPassArgument('asyncify-onlylist', names.join(','));
  mod.runPasses(['asyncify']);
}

// DWARF is dropped: the code moved, and the JS API cannot have Binaryen update it.
mod.runPasses(job.names ? ['strip-dwarf'] : ['strip-debug', 'strip-producers']);
b.setDebugInfo(job.names);
let out = mod.emitBinary();
mod.dispose();
if (loops > 0) out = addPollHints(out, address);
writeFileSync(job.output, out);
process.stdout.write(JSON.stringify({ loops }));
