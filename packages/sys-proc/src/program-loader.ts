import { E, type FileStat, type ImageSpec, S } from '@kandelo/kernel-core';

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
/** Linux reads at most this much of a #! line (BINPRM_BUF_SIZE). */
const SHEBANG_MAX = 256;
/** Interpreter nesting limit (Linux allows 4 levels; more is ELOOP). */
const MAX_INTERP_DEPTH = 4;
/** Total argv + envp size limit (ARG_MAX-like). */
const ARG_MAX = 2 * 1024 * 1024;

/** The filesystem as the exec'ing process sees it. */
export interface ProgramFs {
  /** A guest path as a kernel path (relative paths against the caller's cwd or dirfd). */
  resolve(path: string): string;
  stat(abs: string): FileStat;
  /** The file's content: all of it, or its first `limit` bytes. */
  readFile(abs: string, limit?: number): Uint8Array;
  /** What identifies the file's content now, when its filesystem can tell (VfsService.contentKey). */
  contentKey?(abs: string): string | undefined;
}

export const DEFAULT_PATH = '/usr/local/bin:/bin:/usr/bin';

/** Checks that `abs` names an executable regular file; errno otherwise. */
function checkExecutable(fs: ProgramFs, abs: string): void {
  const st = fs.stat(abs);
  if ((st.mode & S.IFMT) !== S.IFREG) throw E.EACCES;
  if ((st.mode & 0o111) === 0) throw E.EACCES;
}

/** PATH search as execvp does it: the first executable match; EACCES if only unexecutable ones. */
function searchPath(fs: ProgramFs, name: string, path: string): string {
  let sawEacces = false;
  for (const dir of path.split(':')) {
    const abs = fs.resolve(`${dir || '.'}/${name}`);
    try {
      checkExecutable(fs, abs);
      return abs;
    } catch (err) {
      if (err === E.EACCES) sawEacces = true;
      else if (err !== E.ENOENT && err !== E.ENOTDIR) throw err;
    }
  }
  throw sawEacces ? E.EACCES : E.ENOENT;
}

export interface ProgramRequest {
  /** Absolute path of the file to run (already resolved against cwd/dirfd). */
  readonly abs: string;
  /** The path as the caller wrote it (a script's interpreter gets this as its argument). */
  readonly given: string;
  readonly argv: readonly string[];
  readonly envp: readonly string[];
}

/**
 * Finds what to run for an exec: reads the file, follows `#!` interpreter lines (with one optional
 * argument, up to four levels), and returns the wasm image spec. ENOEXEC for anything else.
 */
export function resolveProgram(fs: ProgramFs, req: ProgramRequest, depth = 0): ImageSpec {
  if (depth > MAX_INTERP_DEPTH) throw E.ELOOP;
  let size = 0;
  for (const s of [...req.argv, ...req.envp]) size += s.length + 1 + 4;
  if (size > ARG_MAX) throw E.E2BIG;
  checkExecutable(fs, req.abs);
  // The head decides; a wasm binary is read whole only if the kernel does not know the file.
  const bytes = fs.readFile(req.abs, SHEBANG_MAX);
  if (WASM_MAGIC.every((b, i) => bytes[i] === b)) {
    const abs = req.abs;
    return { bytes: () => fs.readFile(abs), key: fs.contentKey?.(abs), path: abs, argv: [...req.argv], envp: [...req.envp] };
  }
  if (bytes[0] === 0x23 && bytes[1] === 0x21) {
    let end = bytes.indexOf(0x0a);
    if (end < 0 || end > SHEBANG_MAX) end = Math.min(bytes.length, SHEBANG_MAX);
    const line = new TextDecoder().decode(bytes.subarray(2, end)).replace(/\r$/, '').trim();
    if (!line) throw E.ENOEXEC;
    const sp = line.search(/[ \t]/);
    const interp = sp < 0 ? line : line.slice(0, sp);
    const arg = sp < 0 ? '' : line.slice(sp).trim();
    const argv = [interp, ...(arg ? [arg] : []), req.given, ...req.argv.slice(1)];
    return resolveProgram(fs, { abs: fs.resolve(interp), given: interp, argv, envp: req.envp }, depth + 1);
  }
  throw E.ENOEXEC;
}

/** Resolves `name` for posix_spawnp/execvp: as given when it has a slash, else along PATH. */
export function locate(fs: ProgramFs, name: string, envp: readonly string[], search: boolean): string {
  if (name === '') throw E.ENOENT;
  if (!search || name.includes('/')) return fs.resolve(name);
  const path = envp.find((e) => e.startsWith('PATH='))?.slice(5) ?? DEFAULT_PATH;
  return searchPath(fs, name, path);
}
