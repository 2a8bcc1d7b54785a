// Branch hints for the loop polls (loop-poll.mjs): a `metadata.code.branch_hint` section (the
// WebAssembly branch hinting proposal) marking each poll's `if` as unlikely. Without it V8 keeps
// the call in the loop on the hot path: every value live across it is spilled on each iteration
// (+20-40% on a floating-point loop); with it the call is deferred code. V8 reads the section by
// default from 13.6 (Node 24, Chrome 136); host-node enables it on older Node. Binaryen's JS API
// cannot attach hints, so they are found in the emitted bytes.
import { leb, scanCode } from './wasm-read.mjs';

const I32_CONST = 0x41;
const I32_LOAD = 0x28;
const LOCAL_TEE = 0x22;
const IF = 0x04;
const SECTION = 'metadata.code.branch_hint';

/** Reads a LEB128 at p: [value, next position]; signed for i32.const immediates. */
function lebAt(bytes, p, signed) {
  let v = 0;
  let shift = 0;
  let b;
  do {
    b = bytes[p++];
    v += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  if (signed && b & 0x40) v -= 2 ** shift;
  return [v, p];
}

/**
 * The offsets of every `if` whose condition loads the word at `address` (`i32.const c; i32.load
 * offset=o` with c + o = address, perhaps then a `local.tee`), as a Map from function index to
 * offsets relative to the function body (where the branch hint format counts from), and where
 * the code section starts.
 */
export function pollBranches(bytes, address) {
  const hints = new Map();
  let f = -1;
  let constant = null; // the i32.const just seen
  let state = 0; // 1 after the i32.const, 2 after a load of the word
  const codeStart = scanCode(bytes, (func, bodyStart, op, pos) => {
    if (func !== f) {
      f = func;
      state = 0;
    }
    if (op === I32_CONST) {
      [constant] = lebAt(bytes, pos + 1, true);
      state = 1;
    } else if (op === I32_LOAD && state === 1) {
      const [, p] = lebAt(bytes, pos + 1, false); // alignment
      const [offset] = lebAt(bytes, p, false);
      state = (constant >>> 0) + offset === address ? 2 : 0;
    } else if (op === LOCAL_TEE && state === 2) {
      // Asyncify's flattening keeps the value in a local first
    } else {
      if (op === IF && state === 2) {
        if (!hints.has(func)) hints.set(func, []);
        hints.get(func).push(pos - bodyStart);
      }
      state = 0;
    }
  });
  return { hints, codeStart };
}

/**
 * `bytes` with a branch hint section (before the code section) saying that the `if` of every poll
 * check of the attention word at `address` is not taken. Unchanged when there is none.
 */
export function addPollHints(bytes, address) {
  const { hints, codeStart: at } = pollBranches(bytes, address);
  if (hints.size === 0) return bytes;
  const body = [...leb(SECTION.length), ...new TextEncoder().encode(SECTION), ...leb(hints.size)];
  for (const [func, offsets] of [...hints].sort((a, b) => a[0] - b[0])) {
    body.push(...leb(func), ...leb(offsets.length));
    for (const off of offsets) body.push(...leb(off), 1, 0); // one byte of hint: 0 = not taken
  }
  const section = Uint8Array.from([0, ...leb(body.length), ...body]);
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(section, at);
  out.set(bytes.subarray(at), at + section.length);
  return out;
}
