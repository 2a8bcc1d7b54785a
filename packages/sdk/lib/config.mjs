// Toolchain configuration shared by the sysroot build and the wrappers. Everything here feeds the
// sysroot's content hash (scripts/build-sysroot.mjs), so changing a flag rebuilds the sysroot.
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SDK_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SDK_JSON = join(SDK_DIR, 'dist', 'sdk.json');
/** The same facts as sdk.json, as bash assignments, for the shell wrappers' fast paths. */
export const SDK_ENV = join(SDK_DIR, 'dist', 'sdk.env');

export const CACHE_DIR =
  process.env.KANDELO_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kandelo');

export const MUSL_VERSION = '1.2.3';
export const LLVM_MAJOR = 16;
const LLVM_BIN = `/usr/lib/llvm-${LLVM_MAJOR}/bin`;

/** Host tools, by absolute path (never looked up on PATH: see the wasm-opt pitfall). */
export const TOOLS = {
  clang: `${LLVM_BIN}/clang`,
  wasmLd: `${LLVM_BIN}/wasm-ld`,
  ar: `${LLVM_BIN}/llvm-ar`,
  ranlib: `${LLVM_BIN}/llvm-ranlib`,
  nm: `${LLVM_BIN}/llvm-nm`,
  strip: `${LLVM_BIN}/llvm-strip`,
};
export const BUILTINS = `/usr/lib/llvm-${LLVM_MAJOR}/lib/clang/${LLVM_MAJOR}/lib/wasi/libclang_rt.builtins-wasm32.a`;
export const CLANG_RESOURCE_DIR = `/usr/lib/llvm-${LLVM_MAJOR}/lib/clang/${LLVM_MAJOR}`;

/** The target triple given to clang; the GNU triple configure scripts see is TARGET_TRIPLE. */
export const CLANG_TARGET = 'wasm32-unknown-unknown';
export const TARGET_TRIPLE = 'wasm32-unknown-linux-musl';

/**
 * WebAssembly features every object is compiled with (libc and programs alike). All run on Node >= 20
 * and current browsers. setjmp/longjmp use legacy wasm exception handling (LLVM 16's sjlj lowering).
 */
export const FEATURE_FLAGS = [
  '-matomics', '-mbulk-memory', '-mexception-handling', '-mmutable-globals', '-msign-ext',
  '-mnontrapping-fptoint', '-msimd128', '-mllvm', '-wasm-enable-sjlj',
];

/** Predefined macros: a musl-based Linux target, plus our own marker. */
export const TARGET_DEFINES = ['-D__kandelo__=1', '-D__unix__=1', '-D__unix=1', '-D__linux__=1', '-D__linux=1'];

/** clang flags for compiling (and preprocessing) against a sysroot. */
export function compileFlags(sysroot, resourceDir = CLANG_RESOURCE_DIR) {
  return [
    `--target=${CLANG_TARGET}`, ...FEATURE_FLAGS, ...TARGET_DEFINES, `--sysroot=${sysroot}`, '-nostdinc',
    '-isystem', join(sysroot, 'include'), '-isystem', join(resourceDir, 'include'),
  ];
}

/** Flags libc itself is compiled with (on top of musl's own). */
export const LIBC_CFLAGS = ['-O2', '-fno-stack-protector', '-ffunction-sections', '-fdata-sections', '-w'];

export const STACK_SIZE = 8 * 1024 * 1024;
export const MAX_MEMORY = 4 * 1024 * 1024 * 1024;

/**
 * Linker-defined symbols every kandelo process module exports (the host ABI; see README.md). crt1.o
 * exports __kandelo_start and __kandelo_abi itself (export_name attributes).
 */
export const EXPORTS = [
  '__heap_base', '__data_end', '__stack_pointer', '__tls_base',
  '__wasm_init_tls', '__tls_size', '__tls_align',
];

/**
 * The glue's process-wide attention word (port/src/internal/wasm32/kandelo_syscall.c), exported as
 * a global holding its address, for the post-link step's loop polls and the kernel; absent from
 * links without our libc.
 */
export const ATTENTION_EXPORT = '__kandelo_attention';

/** wasm-ld flags for every link, before the user's own -Wl, flags (which can override them). */
export function linkFlags() {
  return [
    '--import-memory', '--shared-memory', `--max-memory=${MAX_MEMORY}`, '-z', `stack-size=${STACK_SIZE}`,
    '--stack-first', '--no-entry', '--export-table', '--growable-table',
    ...EXPORTS.map((e) => `--export=${e}`), `--export-if-defined=${ATTENTION_EXPORT}`,
  ];
}
