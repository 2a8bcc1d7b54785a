import { AT_AUX, PAGE_SIZE } from '../abi/constants.js';
import { CHANNEL } from '../abi/channel-layout.js';
import { E } from '../abi/errno.js';
import { describeForeignModule, type ModuleInfo, NotWasmError, readModuleInfo } from '../abi/module-info.js';
import { MODULE_ABI } from '../abi/module-abi.js';
import type { HostRandom } from '../host/host-services.js';
import { AddressSpace, pageAlign } from '../process/address-space.js';
import type { Process } from '../process/process.js';
import { encodeLossless, ProcessMemory, textEncoder } from '../process/process-memory.js';

export interface ImageSpec {
  /**
   * The module binary, or a function reading it: then it is read only when the kernel does not
   * know the program by its `key` already.
   */
  readonly bytes: Uint8Array | (() => Uint8Array);
  /**
   * What identifies the file's content exactly (VfsService.contentKey: device, inode and a write
   * counter): the kernel keeps the checked, compiled program under it, so running the same file
   * again reads and hashes nothing. Absent for host files, which change behind the kernel's back.
   */
  readonly key?: string;
  /** Guest path of the executable (AT_EXECFN, /proc/<pid>/exe). */
  readonly path: string;
  readonly argv: readonly string[];
  readonly envp: readonly string[];
  /** strace this process. */
  readonly trace?: boolean;
}

/** Space between the start of brk and the first anonymous mapping. */
export const BRK_ZONE = 32 * 1024 * 1024;

/** A module that cannot run on kandelo, with a sentence saying what it is. */
export class ForeignModuleError extends Error {}

/** Reads and checks a module's header: ours, with a shared memory and __heap_base. */
export function inspectImage(path: string, bytes: Uint8Array): ModuleInfo & { heapBase: number } {
  let info: ModuleInfo;
  try {
    info = readModuleInfo(bytes);
  } catch (err) {
    if (err instanceof NotWasmError) throw new ForeignModuleError(`${path}: ${err.message}`);
    throw err;
  }
  if (info.kind !== 'kandelo') throw new ForeignModuleError(`${path}: ${describeForeignModule(info)}`);
  if (!info.memory?.shared) throw new ForeignModuleError(`${path}: module does not import a shared memory`);
  const heapBase = info.globals.get(MODULE_ABI.HEAP_BASE_EXPORT);
  if (heapBase === undefined) throw new ForeignModuleError(`${path}: module does not export ${MODULE_ABI.HEAP_BASE_EXPORT}`);
  return { ...info, heapBase };
}

/**
 * Lays a fresh image out in a new shared memory: the main thread's channel and the
 * argc/argv/envp/auxv block sit just above __heap_base; brk starts after them and anonymous
 * mappings BRK_ZONE further up.
 */
export function loadImage(
  p: Process,
  module: WebAssembly.Module,
  info: ReturnType<typeof inspectImage>,
  spec: ImageSpec,
  memoryLimit: number,
  random: HostRandom,
): { channel: number; block: number } {
  const heapBase = info.heapBase;
  const maxPages = info.memory!.max ?? 65536;
  const limit = Math.min(memoryLimit, maxPages * 65536);
  const memory = new WebAssembly.Memory({ initial: info.memory!.min, maximum: maxPages, shared: true });
  const mem = new ProcessMemory(memory);

  // Start area: channel, then strings, then the pointer block (16-byte aligned).
  const channel = Math.ceil(heapBase / CHANNEL.ALIGN) * CHANNEL.ALIGN;
  // The bytes execve was given, non-UTF-8 ones included (ProcessMemory.cstringArray).
  const strings = [...spec.argv, ...spec.envp].map(encodeLossless);
  const execfn = textEncoder.encode(spec.path);
  let at = channel + CHANNEL.SIZE;
  const randomAt = at;
  at += 16;
  const execfnAt = at;
  at += execfn.length + 1;
  const stringAt: number[] = [];
  for (const s of strings) {
    stringAt.push(at);
    at += s.length + 1;
  }
  const auxv: [number, number][] = [
    [AT_AUX.PAGESZ, PAGE_SIZE], [AT_AUX.CLKTCK, 100], [AT_AUX.HWCAP, 0],
    [AT_AUX.UID, p.creds.uid], [AT_AUX.EUID, p.creds.euid], [AT_AUX.GID, p.creds.gid], [AT_AUX.EGID, p.creds.egid],
    [AT_AUX.SECURE, 0], [AT_AUX.RANDOM, randomAt], [AT_AUX.EXECFN, execfnAt], [AT_AUX.NULL, 0],
  ];
  const block = Math.ceil(at / 16) * 16;
  const words = 1 + spec.argv.length + 1 + spec.envp.length + 1 + auxv.length * 2;
  const end = block + words * 4;
  if (end - channel > 2 * 1024 * 1024) throw E.E2BIG;
  if (!mem.ensure(end)) throw E.ENOMEM;

  random.fill(mem.bytes(randomAt, 16));
  mem.write(execfnAt, execfn);
  mem.setU8(execfnAt + execfn.length, 0);
  strings.forEach((s, i) => {
    mem.write(stringAt[i]!, s);
    mem.setU8(stringAt[i]! + s.length, 0);
  });
  let w = block;
  const put = (v: number) => {
    mem.setU32(w, v);
    w += 4;
  };
  put(spec.argv.length);
  spec.argv.forEach((_, i) => put(stringAt[i]!));
  put(0);
  spec.envp.forEach((_, i) => put(stringAt[spec.argv.length + i]!));
  put(0);
  for (const [k, v] of auxv) {
    put(k);
    put(v);
  }

  const mm = new AddressSpace(limit);
  mm.maxPages = maxPages;
  mm.brkStart = mm.brk = pageAlign(end);
  mm.mmapBase = pageAlign(mm.brkStart + BRK_ZONE);
  mm.highWater = mm.brkStart; // everything above is still zero

  p.memory = mem;
  p.mm = mm;
  p.module = module;
  p.attention = info.globals.get(MODULE_ABI.ATTENTION_EXPORT) ?? 0;
  p.exe = spec.path;
  p.argv = [...spec.argv];
  p.envp = [...spec.envp];
  return { channel, block };
}
