import type { HostFileSystem, HostStat } from '@kandelo/kernel-core';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { platform } from 'node:os';

const C = fs.constants;
/** Linux (asm-generic) open flags -> this host's flags (identical on Linux, not on macOS). */
const FLAG_MAP: [number, number][] = [
  [0o100, C.O_CREAT], [0o200, C.O_EXCL], [0o400, C.O_NOCTTY], [0o1000, C.O_TRUNC], [0o2000, C.O_APPEND],
  [0o4000, C.O_NONBLOCK], [0o200000, C.O_DIRECTORY], [0o400000, C.O_NOFOLLOW], [0o10000, C.O_DSYNC ?? 0],
  [0o4010000, C.O_SYNC],
];

function hostFlags(linux: number): number {
  let f = linux & 3;
  for (const [l, h] of FLAG_MAP) if ((linux & l) === l) f |= h;
  return f;
}

function toStat(s: fs.BigIntStats): HostStat {
  return {
    dev: Number(s.dev & 0xffffffffn), ino: Number(s.ino), mode: Number(s.mode), nlink: Number(s.nlink),
    uid: Number(s.uid), gid: Number(s.gid), rdev: Number(s.rdev & 0xffffffffn), size: Number(s.size),
    blksize: Number(s.blksize), blocks: Number(s.blocks), atimeNs: s.atimeNs, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs,
  };
}

/**
 * A time for fs.lutimesSync. Node takes (fractional) seconds, which a double holds to about a
 * quarter of a microsecond today, and replaces a negative number by "now"; a Date is taken as is,
 * so times before 1970 go as a Date (millisecond precision).
 */
function hostTime(ns: bigint): number | Date {
  if (ns < 0n) return new Date(Number(ns / 1_000_000n));
  return Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
}

const isLinux = platform() === 'linux';

/** The real filesystem, synchronously, for the kernel worker. */
export class NodeHostFs implements HostFileSystem {
  open(path: string, flags: number, mode: number): number {
    return fs.openSync(path, hostFlags(flags), mode);
  }
  close(h: number): void {
    fs.closeSync(h);
  }
  read(h: number, out: Uint8Array, position: number | null): number {
    return fs.readSync(h, out, 0, out.length, position);
  }
  write(h: number, data: Uint8Array, position: number | null): number {
    return fs.writeSync(h, data, 0, data.length, position);
  }
  fstat(h: number): HostStat {
    return toStat(fs.fstatSync(h, { bigint: true }));
  }
  stat(path: string): HostStat {
    return toStat(fs.statSync(path, { bigint: true }));
  }
  lstat(path: string): HostStat {
    return toStat(fs.lstatSync(path, { bigint: true }));
  }
  ftruncate(h: number, length: number): void {
    fs.ftruncateSync(h, length);
  }
  unlink(path: string): void {
    fs.unlinkSync(path);
  }
  rmdir(path: string): void {
    fs.rmdirSync(path);
  }
  mkdir(path: string, mode: number): void {
    fs.mkdirSync(path, { mode });
  }
  readdir(path: string): string[] {
    return fs.readdirSync(path);
  }
  readlink(path: string): string {
    return fs.readlinkSync(path);
  }
  realpath(path: string): string {
    return fs.realpathSync.native(path);
  }
  rename(from: string, to: string): void {
    fs.renameSync(from, to);
  }
  link(existing: string, path: string): void {
    // Linux link(2) links a symlink itself; elsewhere link() may follow it, possibly out of the
    // mount, so a symlink is refused there.
    if (!isLinux && fs.lstatSync(existing).isSymbolicLink()) throw Object.assign(new Error('link of a symlink'), { code: 'EPERM' });
    fs.linkSync(existing, path);
  }
  symlink(target: string, path: string): void {
    fs.symlinkSync(target, path);
  }
  /** Node has no mknod(2): the host's mkfifo(1) makes the node (rare: test suites, shells). */
  mkfifo(path: string, mode: number): void {
    try {
      fs.lstatSync(path);
      throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const r = spawnSync('mkfifo', ['-m', (mode & 0o7777).toString(8), '--', path], { stdio: 'ignore' });
    if (r.status !== 0) throw Object.assign(new Error(`mkfifo ${path} failed`), { code: r.error ? 'EPERM' : 'EACCES' });
  }
  chmod(path: string, mode: number): void {
    fs.chmodSync(path, mode);
  }
  lchown(path: string, uid: number, gid: number): void {
    fs.lchownSync(path, uid, gid);
  }
  lutimes(path: string, atimeNs: bigint, mtimeNs: bigint): void {
    fs.lutimesSync(path, hostTime(atimeNs), hostTime(mtimeNs));
  }
  fsync(h: number): void {
    fs.fsyncSync(h);
  }
  statfs(path: string) {
    const s = fs.statfsSync(path);
    return { type: s.type, bsize: s.bsize, blocks: s.blocks, bfree: s.bfree, bavail: s.bavail, files: s.files, ffree: s.ffree };
  }
}
