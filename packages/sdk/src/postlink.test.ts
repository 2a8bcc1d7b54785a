// The post-link step on small modules written in WAT: the fork instrumentation's call graph
// (lib/postlink.mjs, lib/wasm-read.mjs), loop polling (lib/loop-poll.mjs) with its branch hints,
// and runs of Binaryen.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
// @ts-expect-error plain ESM without types
import { pollBranches } from '../lib/branch-hints.mjs';
// @ts-expect-error plain ESM without types
import { forkReach, importsFork, needsPostLink, postLink } from '../lib/postlink.mjs';
// @ts-expect-error plain ESM without types
import { readExports, readModule } from '../lib/wasm-read.mjs';

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

  it('does nothing for a module with neither the fork import nor the poll function', async () => {
    const bytes = await wasm('(module (import "kandelo" "ring" (func $ring)) (func $f (loop $l (call $ring) (br $l))))');
    expect(importsFork(bytes)).toBe(false);
    expect(needsPostLink(bytes)).toBe(false);
    const file = join(tmp, 'plain.wasm');
    writeFileSync(file, bytes);
    expect(postLink(file, file).instrumented).toBe(false);
    expect(new Uint8Array(readFileSync(file))).toEqual(bytes);
  });

  it('instruments the listed functions with Asyncify, duplicate names included', async () => {
    // Two functions with one name (as wasm-ld names libc's static dummies): the second reaches fork.
    const text = FORKING.replace('(func $unrelated',
      '(func $dupA (call $ring)) (func $dupB (drop (call $leaf))) (func $unrelated');
    const bytes = Buffer.from(await wasm(text));
    const file = join(tmp, 'fork.wasm');
    writeFileSync(file, bytes.subarray(0).fill('dupA', bytes.indexOf('dupB'), bytes.indexOf('dupB') + 4));
    expect(reached(readFileSync(file)).filter((n) => n === 'dupA')).toHaveLength(1);
    const out = join(tmp, 'fork.out.wasm');
    const r = postLink(file, out, { cache: false });
    expect(r).toMatchObject({ instrumented: true, fork: true, cached: false, listed: 9, loops: -1 });
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(out))).map((e) => e.name);
    expect(exports).toEqual(expect.arrayContaining([
      'entry', 'asyncify_start_unwind', 'asyncify_stop_unwind', 'asyncify_start_rewind', 'asyncify_stop_rewind',
      'asyncify_get_state',
    ]));
    const after = readModule(readFileSync(out));
    expect([...after.names.values()].filter((n: string) => /^dupA/.test(n)).sort()).toEqual(['dupA', expect.stringMatching(/^dupA_\d+$/)]);
  }, 60_000);
});

// A program as our libc links it: the glue (whose loops must stay as they are), the exported poll
// function and attention word (at 128), a linker-made function, and user code with loops of
// several shapes.
const POLLED = `
  (module
    (import "env" "memory" (memory 1 1 shared))
    (import "env" "polled" (func $polled))
    (global (export "__kandelo_attention") i32 (i32.const 128))
    (global $count (mut i32) (i32.const 0))
    (tag $t (param i32))
    (func $__kandelo_syscall (loop $l (br_if $l (i32.load (i32.const 64)))))
    (func $__kandelo_deliver_signal (loop $l (br_if $l (i32.load (i32.const 68)))))
    (func $__kandelo_poll (export "__kandelo_poll") (call $polled) (call $__kandelo_syscall))
    (func $__wasm_init_memory (loop $l (br_if $l (i32.load (i32.const 72)))))
    ;; n iterations of a loop with a nested one of 2
    (func $work (export "work") (param $n i32) (local $i i32)
      (loop $outer
        (local.set $i (i32.const 2))
        (loop $inner (br_if $inner (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
        (br_if $outer (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    ;; a loop giving a value, inside an operand and a try
    (func $value (export "value") (result i32)
      (try (result i32)
        (do (i32.add (i32.const 1) (loop $v (result i32) (i32.const 41))))
        (catch $t)))
  )`;

describe('loop polling', () => {
  async function polled(text: string, options = {}): Promise<{ bytes: Buffer; r: Record<string, unknown> }> {
    const file = join(tmp, 'poll.wasm');
    writeFileSync(file, await wasm(text));
    const out = join(tmp, 'poll.out.wasm');
    const r = postLink(file, out, { cache: false, ...options });
    return { bytes: readFileSync(out), r };
  }

  it('checks the attention word at every loop head but the glue\'s, hinted unlikely; the poll export goes', async () => {
    const { bytes, r } = await polled(POLLED);
    expect(r).toMatchObject({ instrumented: true, fork: false, loops: 3 });
    const wabt = await wabtInit();
    wabt.readWasm(new Uint8Array(bytes), features).validate(features); // (a copy: see lib/cc.mjs)
    const exports = readExports(bytes);
    expect(exports.map((e: { name: string }) => e.name).sort()).toEqual(['__kandelo_attention', 'value', 'work']);
    const mod = readModule(bytes);
    const { hints } = pollBranches(bytes, 128);
    const byName = Object.fromEntries([...hints].map(([f, offsets]) => [mod.names.get(f), offsets.length]));
    expect(byName).toEqual({ work: 2, value: 1 });
    expect(mod.sections.some((s: { name?: string }) => s.name === 'metadata.code.branch_hint')).toBe(true);
  }, 60_000);

  it('calls the poll function at loop heads only while the attention word is set', async () => {
    const { bytes } = await polled(POLLED);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    let calls = 0;
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory, polled: () => calls++ } });
    const ex = inst.exports as { work(n: number): void; value(): number };
    ex.work(5);
    expect(calls).toBe(0);
    new Int32Array(memory.buffer)[32] = 1;
    ex.work(5); // 5 outer heads + 5 x 2 inner heads
    expect(calls).toBe(15);
    expect(ex.value()).toBe(42);
  }, 60_000);

  it('leaves loops alone with poll: false, and in modules without the poll function or word', async () => {
    expect((await polled(POLLED, { poll: false })).r.instrumented).toBe(false);
    expect(needsPostLink(await wasm(POLLED.replace('(export "__kandelo_poll")', '')))).toBe(false);
    expect(needsPostLink(await wasm(POLLED.replace('(export "__kandelo_attention")', '')))).toBe(false);
  });

  it('polls in forking modules too, in the functions Asyncify instruments as well', async () => {
    const text = FORKING.replace('(func $leaf (result i32) (call $fork))',
      '(func $leaf (result i32) (loop $l (br_if $l (i32.eqz (call $fork)))) (i32.const 0))'
      + ' (func $__kandelo_poll (export "__kandelo_poll") (call $ring))'
      + ' (global (export "__kandelo_attention") i32 (i32.const 64))');
    const { bytes, r } = await polled(text);
    expect(r).toMatchObject({ instrumented: true, fork: true, loops: 1 });
    const mod = readModule(bytes);
    const { hints } = pollBranches(bytes, 64);
    expect([...hints.keys()].map((f) => mod.names.get(f))).toEqual(['leaf']);
    expect(mod.exports.map((e: { name: string }) => e.name)).toContain('asyncify_start_unwind');
  }, 60_000);
});
