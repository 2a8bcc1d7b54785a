import type { Process } from '@kandelo/kernel-core';

/**
 * What procfs reads the system from. The kernel supplies one built on its process table, host
 * clock and config; unit tests pass fakes. Everything is read when a file is opened, so each
 * open sees a fresh snapshot.
 */
export interface ProcSource {
  /** Every live and zombie process (ProcessTable.all()). */
  processes(): Iterable<Process>;
  process(pid: number): Process | undefined;
  /** Nanoseconds since boot, on the clock Process.startNs is taken from (HostClock.monotonicNs). */
  uptimeNs(): bigint;
  /** Wall-clock nanoseconds since the epoch (HostClock.realtimeNs): node times and btime. */
  realtimeNs(): bigint;
  /** /proc/mounts text as `p` sees it, Linux's format, one line per mount (the VFS writes it). */
  mounts(p: Process | undefined): string;
  /** Memory the kernel may hand out, and what of it is unused, in bytes (/proc/meminfo). */
  memoryTotal(): number;
  memoryFree(): number;
  /** Logical CPUs (one /proc/cpuinfo block each). */
  readonly cpus: number;
  /** uname's nodename (/proc/sys/kernel/hostname). */
  hostname(): string;
  /** uname's release and version (/proc/version, /proc/sys/kernel/osrelease); defaults below. */
  readonly osRelease?: string;
  readonly osVersion?: string;
  /** Filesystem types to list in /proc/filesystems; default: the ones sys-fs provides. */
  filesystems?(): readonly { readonly name: string; readonly nodev: boolean }[];
  /** `p`'s controlling terminal (device number, foreground group) for /proc/<pid>/stat. */
  terminal?(p: Process): { readonly rdev: number; readonly pgrp: number } | undefined;
}

/** sys-proc's uname answers (UTS), repeated here because sys-fs cannot import sys-proc. */
export const DEFAULT_OS_RELEASE = '6.1.0-kandelo';
export const DEFAULT_OS_VERSION = '#1 SMP kandelo';

export const DEFAULT_FILESYSTEMS: readonly { name: string; nodev: boolean }[] = [
  { name: 'proc', nodev: true },
  { name: 'tmpfs', nodev: true },
  { name: 'devtmpfs', nodev: true },
  { name: 'devpts', nodev: true },
  { name: 'pipefs', nodev: true },
  { name: 'hostfs', nodev: true },
  { name: 'overlay', nodev: true },
];
