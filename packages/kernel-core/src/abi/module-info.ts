import { MODULE_ABI } from './module-abi.js';

export type ModuleKind = 'kandelo' | 'wasi' | 'emscripten' | 'other';

export interface ModuleInfo {
  readonly kind: ModuleKind;
  readonly imports: readonly { module: string; name: string; kind: number }[];
  readonly exports: ReadonlyMap<string, { kind: number; index: number }>;
  /** The imported memory's limits in 64 KiB pages, when it imports one. */
  readonly memory?: { min: number; max: number | undefined; shared: boolean };
  /** Initial values of exported i32 globals defined by constant expressions (e.g. __heap_base). */
  readonly globals: ReadonlyMap<string, number>;
}

export class NotWasmError extends Error {}

const KIND_FUNC = 0;
const KIND_MEMORY = 2;
const KIND_GLOBAL = 3;

/**
 * Reads the import, global and export sections of a module binary: enough to recognise our ABI
 * (or say what a foreign module is), size its memory and find __heap_base before instantiating.
 */
export function readModuleInfo(bytes: Uint8Array): ModuleInfo {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new NotWasmError('not a WebAssembly module (bad magic)');
  }
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw new NotWasmError('unsupported WebAssembly binary version');
  }
  let pos = 8;
  const u8 = (): number => {
    if (pos >= bytes.length) throw new NotWasmError('truncated WebAssembly module');
    return bytes[pos++]!;
  };
  const leb = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = u8();
      result += (b & 0x7f) * mul;
      if (!(b & 0x80)) return result;
      mul *= 128;
    }
  };
  const sleb32 = (): number => {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = u8();
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80 && shift < 35);
    if (shift < 32 && b & 0x40) result |= -1 << shift;
    return result;
  };
  const name = (): string => {
    const len = leb();
    const s = new TextDecoder().decode(bytes.subarray(pos, pos + len));
    pos += len;
    return s;
  };
  const limits = () => {
    const flags = u8();
    const min = leb();
    const max = flags & 1 ? leb() : undefined;
    return { min, max, shared: (flags & 2) !== 0 };
  };

  const imports: { module: string; name: string; kind: number }[] = [];
  const exports = new Map<string, { kind: number; index: number }>();
  const globalInit: (number | undefined)[] = [];
  let memory: ModuleInfo['memory'];
  let importedGlobals = 0;

  while (pos < bytes.length) {
    const id = u8();
    const size = leb();
    const end = pos + size;
    if (id === 2) {
      const n = leb();
      for (let i = 0; i < n; i++) {
        const module = name();
        const field = name();
        const kind = u8();
        imports.push({ module, name: field, kind });
        if (kind === KIND_FUNC) leb();
        else if (kind === 1) { u8(); limits(); }
        else if (kind === KIND_MEMORY) memory = limits();
        else if (kind === KIND_GLOBAL) { u8(); u8(); globalInit.push(undefined); importedGlobals++; }
        else if (kind === 4) { u8(); leb(); }
        else throw new NotWasmError(`unknown import kind ${kind}`);
      }
    } else if (id === 6) {
      const n = leb();
      for (let i = 0; i < n; i++) {
        const type = u8();
        u8(); // mutability
        const op = u8();
        let value: number | undefined;
        if (op === 0x41 && type === 0x7f) value = sleb32();
        // Skip the rest of the constant expression up to `end` (0x0b).
        while (u8() !== 0x0b) { /* other init expressions are not needed */ }
        globalInit.push(value);
      }
    } else if (id === 7) {
      const n = leb();
      for (let i = 0; i < n; i++) {
        const field = name();
        const kind = u8();
        const index = leb();
        exports.set(field, { kind, index });
      }
    }
    pos = end;
  }
  void importedGlobals;

  const globals = new Map<string, number>();
  for (const [field, e] of exports) {
    const v = e.kind === KIND_GLOBAL ? globalInit[e.index] : undefined;
    if (v !== undefined) globals.set(field, v >>> 0);
  }

  let kind: ModuleKind = 'other';
  const abi = exports.get(MODULE_ABI.ABI_EXPORT);
  if (abi?.kind === KIND_FUNC && exports.has(MODULE_ABI.START_EXPORT)) kind = 'kandelo';
  else if (imports.some((i) => i.module.startsWith('wasi_'))) kind = 'wasi';
  else if (imports.some((i) => i.name.startsWith('emscripten_') || i.name === '__syscall_openat')) kind = 'emscripten';

  return { kind, imports, exports, memory, globals };
}

/** A sentence saying what a non-kandelo module is, for CLI errors. */
export function describeForeignModule(info: ModuleInfo): string {
  switch (info.kind) {
    case 'wasi':
      return 'a WASI module (it imports wasi_snapshot_preview1); kandelo runs modules built with its SDK (wasm32posix-cc)';
    case 'emscripten':
      return 'an Emscripten module; kandelo runs modules built with its SDK (wasm32posix-cc)';
    case 'kandelo':
      return 'a kandelo module';
    default:
      return `a WebAssembly module not built for the kandelo ABI (no ${MODULE_ABI.ABI_EXPORT} export; imports: ${
        [...new Set(info.imports.map((i) => i.module))].join(', ') || 'none'
      })`;
  }
}
