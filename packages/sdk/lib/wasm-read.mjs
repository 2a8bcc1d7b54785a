// A small WebAssembly binary reader: just enough of a linked module to compute who calls whom (for
// the fork instrumentation in postlink.mjs) and to find instructions for branch hints. It decodes every
// instruction wasm-ld 16 output can contain (MVP, sign-ext, saturating conversions, bulk memory,
// reference types, SIMD, threads, legacy and new exception handling); anything else throws.

export class WasmFormatError extends Error {}

const td = new TextDecoder();

class Reader {
  constructor(bytes, pos = 0, end = bytes.length) {
    this.b = bytes;
    this.p = pos;
    this.end = end;
  }

  fail(msg) {
    throw new WasmFormatError(`${msg} at byte ${this.p}`);
  }

  u8() {
    if (this.p >= this.end) this.fail('unexpected end');
    return this.b[this.p++];
  }

  u32() {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return result;
      shift += 7;
      if (shift > 35) this.fail('LEB128 too long');
    }
  }

  /** A signed LEB128 of up to 64 bits; the value is not needed, only skipped. */
  skipLeb() {
    for (let n = 0; ; n++) {
      if (!(this.u8() & 0x80)) return;
      if (n > 10) this.fail('LEB128 too long');
    }
  }

  skip(n) {
    if (this.p + n > this.end) this.fail('unexpected end');
    this.p += n;
  }

  name() {
    const n = this.u32();
    const start = this.p;
    this.skip(n);
    return td.decode(this.b.subarray(start, start + n));
  }

  valtype() {
    const t = this.u8();
    // (ref null ht) / (ref ht): a heap type follows.
    if (t === 0x63 || t === 0x64) this.skipLeb();
    return t;
  }

  limits() {
    const flags = this.u8();
    this.u32();
    if (flags & 1) this.u32();
  }

  /** A block type or heap type: one byte (empty, a value type, an abstract heap type), a
   * reference type with its heap type, or a type index (s33). */
  blocktype() {
    const t = this.b[this.p];
    if (t === 0x63 || t === 0x64) this.valtype();
    else this.skipLeb();
  }

  memarg() {
    const align = this.u32();
    if (align & 0x40) this.u32(); // memory index (multi-memory)
    this.u32(); // offset
  }
}

/** Encodes an unsigned LEB128. */
export function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/**
 * Reads a constant expression up to its `end`, returning the functions it references (ref.func).
 */
function constExpr(r, refs) {
  for (;;) {
    const op = r.u8();
    switch (op) {
      case 0x0b: return;
      case 0x41: case 0x42: r.skipLeb(); break;
      case 0x43: r.skip(4); break;
      case 0x44: r.skip(8); break;
      case 0x23: r.u32(); break;
      case 0xd0: r.blocktype(); break; // ref.null heaptype
      case 0xd2: refs?.add(r.u32()); break;
      case 0x6a: case 0x6b: case 0x6c: case 0x7c: case 0x7d: case 0x7e: break; // extended const
      case 0xfd: r.u32(); r.skip(16); break; // v128.const
      default: r.fail(`unexpected opcode 0x${op.toString(16)} in a constant expression`);
    }
  }
}

/**
 * Walks one function body's instructions, calling onCall(funcIndex) for direct calls and
 * onIndirect(typeIndex) for indirect ones; onRef(funcIndex) for ref.func; onOp(opcode, offset)
 * (optional) for every instruction.
 */
function walkCode(r, onCall, onIndirect, onRef, onOp) {
  let depth = 1;
  while (depth > 0) {
    onOp?.(r.b[r.p], r.p);
    const op = r.u8();
    switch (op) {
      case 0x00: case 0x01: case 0x05: case 0x0a: case 0x0f: case 0x19: case 0x1a: case 0x1b:
      case 0xd1: case 0xd3: case 0xd5:
        break;
      case 0x02: case 0x03: case 0x04: case 0x06:
        r.blocktype(); depth++; break;
      case 0x1f: { // try_table
        r.blocktype();
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const kind = r.u8();
          if (kind < 2) r.u32(); // tag
          r.u32(); // label
        }
        depth++;
        break;
      }
      case 0x0b: depth--; break;
      case 0x18: r.u32(); depth--; break; // delegate ends its try
      case 0x07: case 0x08: case 0x09: case 0x0c: case 0x0d: case 0xd4: case 0xd6:
        r.u32(); break;
      case 0x0e: {
        const n = r.u32();
        for (let i = 0; i <= n; i++) r.u32();
        break;
      }
      case 0x10: case 0x12: onCall(r.u32()); break;
      case 0x11: case 0x13: onIndirect(r.u32()); r.u32(); break;
      case 0x14: case 0x15: onIndirect(null); r.u32(); break; // call_ref: any function of the type
      case 0x1c: {
        const n = r.u32();
        for (let i = 0; i < n; i++) r.valtype();
        break;
      }
      case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26:
        r.u32(); break;
      case 0x3f: case 0x40: r.u32(); break;
      case 0x41: case 0x42: r.skipLeb(); break;
      case 0x43: r.skip(4); break;
      case 0x44: r.skip(8); break;
      case 0xd0: r.blocktype(); break;
      case 0xd2: onRef(r.u32()); break;
      case 0xfc: {
        const sub = r.u32();
        if (sub <= 7) break;
        if (sub === 8) { r.u32(); r.u32(); break; }
        if (sub === 9 || sub === 11 || sub === 13 || (sub >= 15 && sub <= 17)) { r.u32(); break; }
        if (sub === 10 || sub === 12 || sub === 14) { r.u32(); r.u32(); break; }
        r.fail(`unknown 0xfc ${sub}`);
        break;
      }
      case 0xfd: {
        const sub = r.u32();
        if (sub <= 11 || sub === 92 || sub === 93) r.memarg();
        else if (sub === 12 || sub === 13) r.skip(16);
        else if (sub >= 21 && sub <= 34) r.skip(1);
        else if (sub >= 84 && sub <= 91) { r.memarg(); r.skip(1); }
        else if (sub > 0x113) r.fail(`unknown 0xfd ${sub}`);
        break;
      }
      case 0xfe: {
        const sub = r.u32();
        if (sub === 3) r.skip(1);
        else if (sub <= 2 || (sub >= 0x10 && sub <= 0x4e)) r.memarg();
        else r.fail(`unknown 0xfe ${sub}`);
        break;
      }
      default:
        if ((op >= 0x28 && op <= 0x3e)) { r.memarg(); break; }
        if (op >= 0x45 && op <= 0xc4) break;
        r.fail(`unknown opcode 0x${op.toString(16)}`);
    }
  }
}

function header(bytes) {
  const r = new Reader(bytes);
  if (bytes.length < 8 || r.u8() !== 0 || r.u8() !== 0x61 || r.u8() !== 0x73 || r.u8() !== 0x6d) {
    throw new WasmFormatError('not a WebAssembly module');
  }
  r.skip(4);
  return r;
}

function importSection(s) {
  const imports = [];
  for (let n = s.u32(); n > 0; n--) {
    const module = s.name();
    const name = s.name();
    const kind = s.u8();
    if (kind === 0) imports.push({ module, name, kind, type: s.u32() });
    else {
      if (kind === 1) { s.valtype(); s.limits(); } else if (kind === 2) s.limits();
      else if (kind === 3) { s.valtype(); s.u8(); } else if (kind === 4) { s.u8(); s.u32(); }
      else s.fail(`unknown import kind ${kind}`);
      imports.push({ module, name, kind });
    }
  }
  return imports;
}

/** Parses section `id` with parse(reader), or returns `none` when the module has no such section. */
function readSection(bytes, id, parse, none) {
  const r = header(bytes);
  while (r.p < bytes.length) {
    const sid = r.u8();
    const size = r.u32();
    const end = r.p + size;
    if (sid === id) return parse(new Reader(bytes, r.p, end));
    r.p = end; // (section headers only: skipping costs nothing)
  }
  return none;
}

/** The imports of a module. */
export function readImports(bytes) {
  return readSection(bytes, 2, importSection, []);
}

/** The exports of a module: { name, kind, index }. */
export function readExports(bytes) {
  return readSection(bytes, 7, (s) => {
    const out = [];
    for (let n = s.u32(); n > 0; n--) out.push({ name: s.name(), kind: s.u8(), index: s.u32() });
    return out;
  }, []);
}

/**
 * Calls onOp(functionIndex, bodyStart, opcode, offset) for every instruction of every defined
 * function (offsets are absolute; bodyStart is where the function's local declarations begin).
 * Returns the absolute offset of the code section's header, or -1 without one.
 */
export function scanCode(bytes, onOp) {
  const mod = readModule(bytes, { calls: false });
  const code = mod.sections.find((s) => s.id === 10);
  if (!code) return -1;
  const r = new Reader(bytes, code.body, code.end);
  const n = r.u32();
  const none = () => {};
  for (let i = 0; i < n; i++) {
    const size = r.u32();
    const start = r.p;
    const f = mod.numImported + i;
    const c = new Reader(bytes, start, start + size);
    for (let k = c.u32(); k > 0; k--) { c.u32(); c.valtype(); }
    walkCode(c, none, none, none, (op, pos) => onOp(f, start, op, pos));
    r.p = start + size;
  }
  return code.start;
}

/**
 * Parses what the call graph needs: function signatures, the functions any table can hold, each
 * defined function's direct callees and indirect call types, exports and function names.
 */
export function readModule(bytes, { calls: withCalls = true } = {}) {
  const r = header(bytes);
  const types = []; // canonical signature key per type index
  const funcTypes = []; // type index per function (imports first)
  const imports = [];
  const exports = [];
  const tableFuncs = new Set();
  const sections = [];
  let names = null;
  let bodies = null;
  let numImported = 0;

  while (r.p < bytes.length) {
    const start = r.p;
    const id = r.u8();
    const size = r.u32();
    const body = r.p;
    const end = body + size;
    if (end > bytes.length) r.fail('section runs past the end');
    const s = new Reader(bytes, body, end);
    const sec = { id, start, body, end };
    sections.push(sec);
    switch (id) {
      case 0: {
        sec.name = s.name();
        if (sec.name === 'name') {
          names = readNames(bytes, s.p, end);
        }
        break;
      }
      case 1: {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          const form = s.u8();
          if (form !== 0x60) s.fail(`type form 0x${form.toString(16)} not supported`);
          const params = [];
          const results = [];
          for (let k = s.u32(); k > 0; k--) params.push(s.valtype());
          for (let k = s.u32(); k > 0; k--) results.push(s.valtype());
          types.push(`${params.join(',')}:${results.join(',')}`);
        }
        break;
      }
      case 2: {
        for (const imp of importSection(s)) {
          imports.push(imp);
          if (imp.kind === 0) {
            funcTypes.push(imp.type);
            numImported++;
          }
        }
        break;
      }
      case 3: {
        const n = s.u32();
        for (let i = 0; i < n; i++) funcTypes.push(s.u32());
        break;
      }
      case 7: {
        const n = s.u32();
        for (let i = 0; i < n; i++) exports.push({ name: s.name(), kind: s.u8(), index: s.u32() });
        break;
      }
      case 9: {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          const flags = s.u32();
          if (flags & 2 && !(flags & 1)) s.u32(); // explicit table index
          if (!(flags & 1)) constExpr(s, null); // offset (active segments)
          if (flags & 4) {
            if (flags & 3) s.valtype(); // reftype
            for (let k = s.u32(); k > 0; k--) constExpr(s, tableFuncs);
          } else {
            if (flags & 3) s.u8(); // elemkind
            for (let k = s.u32(); k > 0; k--) tableFuncs.add(s.u32());
          }
        }
        break;
      }
      case 10: {
        bodies = [];
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          const size = s.u32();
          bodies.push([s.p, s.p + size]);
          s.skip(size);
        }
        break;
      }
      default:
        break;
    }
    r.p = end;
  }

  const calls = [];
  if (bodies && withCalls) {
    for (const [b, e] of bodies) {
      const c = new Reader(bytes, b, e);
      for (let k = c.u32(); k > 0; k--) { c.u32(); c.valtype(); }
      const direct = new Set();
      const indirect = new Set();
      walkCode(
        c,
        (f) => direct.add(f),
        (t) => indirect.add(t === null ? '*' : types[t]),
        (f) => tableFuncs.add(f), // a ref.func may end up in a table
      );
      calls.push({ direct, indirect, size: e - b });
    }
  }
  return {
    types, funcTypes, imports, exports, tableFuncs, calls, numImported, names, sections,
    /** Signature key of function f. */
    sig(f) { return types[funcTypes[f]]; },
  };
}

/** The name section's subsections; function names (subsection 1) as a Map index -> name. */
function readNames(bytes, pos, end) {
  const r = new Reader(bytes, pos, end);
  const functions = new Map();
  while (r.p < end) {
    const id = r.u8();
    const size = r.u32();
    const subEnd = r.p + size;
    if (id === 1) {
      const s = new Reader(bytes, r.p, subEnd);
      for (let n = s.u32(); n > 0; n--) {
        const idx = s.u32();
        functions.set(idx, s.name());
      }
    }
    r.p = subEnd;
  }
  return functions;
}
