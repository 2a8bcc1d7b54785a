// The fork instrumentation's call graph (lib/postlink.mjs, lib/wasm-read.mjs) on small modules
// written in WAT, and one run of wasm-opt.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
// @ts-expect-error plain ESM without types
import { forkReach, importsFork, postLink } from '../lib/postlink.mjs';
// @ts-expect-error plain ESM without types
import { readModule, replaceFunctionNames } from '../lib/wasm-read.mjs';

const features = { exceptions: true, threads: true, simd: true, bulk_memory: true, mutable_globals: true, sign_extension: true, sat_float_to_int: true };

async function wasm(text: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const m = wabt.parseWat('t.wat', text, features);
  m.resolveNames();
  m.validate(features);
  const { buffer } = m.toBinary({ write_debug_names: true });
  m.destroy();
  return buffer;
}

function reached(bytes: Uint8Array): string[] {
  const mod = readModule(bytes);
  return [...forkReach(mod) as Set<number>].map((f) => mod.names.get(f) as string).sort();
}

const tmp = mkdtempSync(join(tmpdir(), 'kandelo-postlink-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FORKING = `
  (module
    (type $a (func (param i32) (result i32)))
    (type $b (func (param i32 i32)))
    (import "kandelo" "ring" (func $ring))
    (import "kandelo" "fork" (func $fork (result i32)))
    (memory 1)
    (table 4 funcref)
    (elem (i32.const 0) $via_table $other $middle)
    (tag $t (param i32))
    (func $leaf (result i32) (call $fork))
    (func $caller (export "entry") (drop (call $leaf)) (call $ring))
    (func $unrelated (call $ring))
    ;; in the table, signature $a, reaches fork
    (func $via_table (type $a) (call $leaf))
    ;; in the table, signature $b, does not reach fork by itself
    (func $other (type $b))
    ;; indirect call of signature $a: can reach fork
    (func $calls_a (param i32) (drop (call_indirect (type $a) (i32.const 0) (local.get 0))))
    ;; indirect call of signature $b only: cannot
    (func $calls_b (param i32) (call_indirect (type $b) (i32.const 0) (i32.const 0) (local.get 0)))
    ;; in the table with signature $b, calls $calls_a: so signature $b reaches fork too
    (func $middle (type $b) (call $calls_a (local.get 0)))
    ;; direct call inside try ... delegate
    (func $in_try
      (try (do (try (do (drop (call $fork))) (delegate 0))) (catch $t (drop))))
    (func $after_try (call $in_try))
  )`;

describe('fork call graph', () => {
  it('follows direct calls, indirect calls by signature, to a fixpoint, through try/delegate', async () => {
    const bytes = await wasm(FORKING);
    expect(importsFork(bytes)).toBe(true);
    expect(reached(bytes)).toEqual([
      'after_try', 'caller', 'calls_a', 'calls_b', 'in_try', 'leaf', 'middle', 'via_table',
    ]);
  });

  it('leaves alone indirect calls whose signature no forking table function has', async () => {
    const bytes = await wasm(`
      (module
        (type $a (func (param i32) (result i32)))
        (import "kandelo" "fork" (func $fork (result i32)))
        (table 1 funcref)
        (elem (i32.const 0) $in_table)
        (func $in_table (type $a) (local.get 0))
        (func $f (result i32) (call $fork))
        (func $g (param i32) (drop (call_indirect (type $a) (i32.const 0) (local.get 0))))
      )`);
    expect(reached(bytes)).toEqual(['f']);
  });

  it('does nothing for a module without the fork import', async () => {
    const bytes = await wasm('(module (import "kandelo" "ring" (func $ring)) (func $f (call $ring)))');
    expect(importsFork(bytes)).toBe(false);
    const file = join(tmp, 'plain.wasm');
    writeFileSync(file, bytes);
    expect(postLink(file, file).instrumented).toBe(false);
    expect(new Uint8Array(readFileSync(file))).toEqual(bytes);
  });

  it('instruments the listed functions with wasm-opt, duplicate names included', async () => {
    // Two functions named "dup" (as wasm-ld names libc's static dummies): the second reaches fork.
    const text = FORKING.replace('(func $unrelated',
      '(func $dup (call $ring)) (func $dup2 (drop (call $leaf))) (func $unrelated');
    const bytes = await wasm(text);
    const mod = readModule(bytes);
    const names = mod.funcTypes.map((_: number, i: number) => (mod.names.get(i) === 'dup2' ? 'dup' : mod.names.get(i)));
    const file = join(tmp, 'fork.wasm');
    writeFileSync(file, replaceFunctionNames(bytes, mod, names));
    expect(reached(readFileSync(file))).toContain('dup');
    const out = join(tmp, 'fork.out.wasm');
    const r = postLink(file, out, { cache: false });
    expect(r).toMatchObject({ instrumented: true, cached: false, listed: 9 });
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(out))).map((e) => e.name);
    expect(exports).toEqual(expect.arrayContaining([
      'entry', 'asyncify_start_unwind', 'asyncify_stop_unwind', 'asyncify_start_rewind', 'asyncify_stop_rewind',
      'asyncify_get_state',
    ]));
    const after = readModule(readFileSync(out));
    const dupIndex = [...after.names.values()].filter((n: string) => /^dup/.test(n)).sort();
    expect(dupIndex).toEqual(['dup', expect.stringMatching(/^dup_\d+$/)]);
  }, 60_000);
});
