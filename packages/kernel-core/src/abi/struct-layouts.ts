/**
 * Struct layouts of the kandelo wasm32 ABI (ILP32, little-endian, 64-bit time_t and off_t).
 * Offsets in bytes. The kernel reads and writes process memory with these; the SDK's C headers
 * are generated from (or statically asserted against) them.
 */
export type FieldType = 'u8' | 'u16' | 'i32' | 'u32' | 'i64' | 'u64' | 'ptr' | `char[${number}]` | `u8[${number}]`;

export interface StructLayout {
  readonly cname: string;
  readonly size: number;
  readonly align: number;
  /** name -> [offset, type] */
  readonly fields: Readonly<Record<string, readonly [number, FieldType]>>;
}

function layout<F extends Record<string, readonly [number, FieldType]>>(
  cname: string,
  size: number,
  align: number,
  fields: F,
): StructLayout & { readonly fields: F } & { readonly [K in keyof F]: number } {
  const offsets = Object.fromEntries(Object.entries(fields).map(([k, [off]]) => [k, off]));
  return Object.freeze({ ...offsets, cname, size, align, fields }) as never;
}

/** struct timespec: tv_sec i64, tv_nsec long (32-bit) + padding on little-endian. */
export const TIMESPEC = layout('timespec', 16, 8, {
  tv_sec: [0, 'i64'],
  tv_nsec: [8, 'i32'],
});

/** struct timeval (suseconds_t is 64-bit with time64). */
export const TIMEVAL = layout('timeval', 16, 8, {
  tv_sec: [0, 'i64'],
  tv_usec: [8, 'i64'],
});

/** struct iovec. */
export const IOVEC = layout('iovec', 8, 4, {
  iov_base: [0, 'ptr'],
  iov_len: [4, 'u32'],
});

/**
 * struct kstat, what fstat64/fstatat64 write. Our own layout (the arch is ours): 64-bit times,
 * so musl copies it without a statx detour. The SDK's struct stat has the same layout.
 */
export const KSTAT = layout('kstat', 112, 8, {
  st_dev: [0, 'u64'],
  st_ino: [8, 'u64'],
  st_mode: [16, 'u32'],
  st_nlink: [20, 'u32'],
  st_uid: [24, 'u32'],
  st_gid: [28, 'u32'],
  st_rdev: [32, 'u64'],
  st_size: [40, 'i64'],
  st_blksize: [48, 'i32'],
  st_blocks: [56, 'i64'],
  st_atime_sec: [64, 'i64'],
  st_atime_nsec: [72, 'i64'],
  st_mtime_sec: [80, 'i64'],
  st_mtime_nsec: [88, 'i64'],
  st_ctime_sec: [96, 'i64'],
  st_ctime_nsec: [104, 'i64'],
});

/** struct statx_timestamp, 16 bytes. */
export const STATX_TIMESTAMP = layout('statx_timestamp', 16, 8, {
  tv_sec: [0, 'i64'],
  tv_nsec: [8, 'u32'],
});

/** struct statx (Linux, fixed 256 bytes on every architecture). */
export const STATX = layout('statx', 256, 8, {
  stx_mask: [0, 'u32'],
  stx_blksize: [4, 'u32'],
  stx_attributes: [8, 'u64'],
  stx_nlink: [16, 'u32'],
  stx_uid: [20, 'u32'],
  stx_gid: [24, 'u32'],
  stx_mode: [28, 'u16'],
  stx_ino: [32, 'u64'],
  stx_size: [40, 'u64'],
  stx_blocks: [48, 'u64'],
  stx_attributes_mask: [56, 'u64'],
  stx_atime: [64, 'u8[16]'],
  stx_btime: [80, 'u8[16]'],
  stx_ctime: [96, 'u8[16]'],
  stx_mtime: [112, 'u8[16]'],
  stx_rdev_major: [128, 'u32'],
  stx_rdev_minor: [132, 'u32'],
  stx_dev_major: [136, 'u32'],
  stx_dev_minor: [140, 'u32'],
});

/** struct linux_dirent64 header; d_name follows at 19, records are 8-byte aligned. */
export const DIRENT64 = layout('dirent64', 19, 8, {
  d_ino: [0, 'u64'],
  d_off: [8, 'i64'],
  d_reclen: [16, 'u16'],
  d_type: [18, 'u8'],
});

/** struct utsname: six 65-byte fields. */
export const UTSNAME = layout('utsname', 390, 1, {
  sysname: [0, 'char[65]'],
  nodename: [65, 'char[65]'],
  release: [130, 'char[65]'],
  version: [195, 'char[65]'],
  machine: [260, 'char[65]'],
  domainname: [325, 'char[65]'],
});

/** struct winsize. */
export const WINSIZE = layout('winsize', 8, 2, {
  ws_row: [0, 'u16'],
  ws_col: [2, 'u16'],
  ws_xpixel: [4, 'u16'],
  ws_ypixel: [6, 'u16'],
});

/** struct rlimit (prlimit64 form). */
export const RLIMIT64 = layout('rlimit64', 16, 8, {
  rlim_cur: [0, 'u64'],
  rlim_max: [8, 'u64'],
});

/** musl's struct k_sigaction on ILP32: handler, flags, restorer, 64-bit mask as two words. */
export const K_SIGACTION = layout('k_sigaction', 20, 4, {
  handler: [0, 'ptr'],
  flags: [4, 'u32'],
  restorer: [8, 'ptr'],
  mask: [12, 'u8[8]'],
});

/**
 * Linux's struct rusage for 32-bit: two __kernel_old_timeval (i32 pairs) then 14 longs. musl's
 * wait4/getrusage pass `&ru->ru_maxrss - 16` and convert the timevals themselves.
 */
export const RUSAGE32 = layout('rusage32', 72, 4, {
  ru_utime_sec: [0, 'i32'],
  ru_utime_usec: [4, 'i32'],
  ru_stime_sec: [8, 'i32'],
  ru_stime_usec: [12, 'i32'],
  ru_maxrss: [16, 'i32'],
});

/** siginfo_t (128 bytes) for SIGCHLD/waitid: the fields the kernel fills. */
export const SIGINFO = layout('siginfo', 128, 4, {
  si_signo: [0, 'i32'],
  si_errno: [4, 'i32'],
  si_code: [8, 'i32'],
  si_pid: [12, 'i32'],
  si_uid: [16, 'i32'],
  si_status: [20, 'i32'],
});

/**
 * struct signalfd_siginfo (<sys/signalfd.h>, the same 128 bytes on every architecture): one record
 * of a signalfd read.
 */
export const SIGNALFD_SIGINFO = layout('signalfd_siginfo', 128, 8, {
  ssi_signo: [0, 'u32'],
  ssi_errno: [4, 'i32'],
  ssi_code: [8, 'i32'],
  ssi_pid: [12, 'u32'],
  ssi_uid: [16, 'u32'],
  ssi_fd: [20, 'i32'],
  ssi_tid: [24, 'u32'],
  ssi_band: [28, 'u32'],
  ssi_overrun: [32, 'u32'],
  ssi_trapno: [36, 'u32'],
  ssi_status: [40, 'i32'],
  ssi_int: [44, 'i32'],
  ssi_ptr: [48, 'u64'],
  ssi_utime: [56, 'u64'],
  ssi_stime: [64, 'u64'],
  ssi_addr: [72, 'u64'],
  ssi_addr_lsb: [80, 'u16'],
  ssi_syscall: [84, 'i32'],
  ssi_call_addr: [88, 'u64'],
  ssi_arch: [96, 'u32'],
});

/** stack_t (struct sigaltstack): sigaltstack's argument and result. */
export const STACK_T = layout('sigaltstack', 12, 4, {
  ss_sp: [0, 'ptr'],
  ss_flags: [4, 'i32'],
  ss_size: [8, 'u32'],
});

/** musl's posix_spawnattr_t (public spawn.h; sigset_t is 128 bytes). */
export const SPAWN_ATTR = layout('spawnattr', 336, 4, {
  flags: [0, 'i32'],
  pgrp: [4, 'i32'],
  sigdefault: [8, 'u8[128]'],
  sigmask: [136, 'u8[128]'],
  prio: [264, 'i32'],
  pol: [268, 'i32'],
  fn: [272, 'ptr'],
});

/** musl's internal struct fdop (src/process/fdop.h): one posix_spawn file action; path follows. */
export const SPAWN_FDOP = layout('fdop', 28, 4, {
  next: [0, 'ptr'],
  prev: [4, 'ptr'],
  cmd: [8, 'i32'],
  fd: [12, 'i32'],
  srcfd: [16, 'i32'],
  oflag: [20, 'i32'],
  mode: [24, 'u32'],
});

/** fdop.cmd values. */
export const FDOP = { CLOSE: 1, DUP2: 2, OPEN: 3, CHDIR: 4, FCHDIR: 5 } as const;

/** posix_spawnattr flags. */
export const POSIX_SPAWN = {
  RESETIDS: 1, SETPGROUP: 2, SETSIGDEF: 4, SETSIGMASK: 8, SETSCHEDPARAM: 16, SETSCHEDULER: 32, USEVFORK: 64,
  SETSID: 128,
} as const;

/** kandelo_spawn's last argument. */
export const KANDELO_SPAWN = { SEARCH_PATH: 1 } as const;

/** struct flock (64-bit off_t): fcntl record locks. */
export const FLOCK = layout('flock', 32, 8, {
  l_type: [0, 'u16'],
  l_whence: [2, 'u16'],
  l_start: [8, 'i64'],
  l_len: [16, 'i64'],
  l_pid: [24, 'i32'],
});

/** struct statfs (what the statfs64/fstatfs64 syscalls fill on ILP32 with 64-bit counts). */
export const STATFS = layout('statfs', 88, 8, {
  f_type: [0, 'u32'],
  f_bsize: [4, 'u32'],
  f_blocks: [8, 'u64'],
  f_bfree: [16, 'u64'],
  f_bavail: [24, 'u64'],
  f_files: [32, 'u64'],
  f_ffree: [40, 'u64'],
  f_fsid: [48, 'u8[8]'],
  f_namelen: [56, 'u32'],
  f_frsize: [60, 'u32'],
  f_flags: [64, 'u32'],
});

/** struct sysinfo as the kernel fills it (musl's has 256 reserved bytes more at the end). */
export const SYSINFO = layout('sysinfo', 64, 4, {
  uptime: [0, 'u32'],
  loads: [4, 'u8[12]'],
  totalram: [16, 'u32'],
  freeram: [20, 'u32'],
  sharedram: [24, 'u32'],
  bufferram: [28, 'u32'],
  totalswap: [32, 'u32'],
  freeswap: [36, 'u32'],
  procs: [40, 'u16'],
  totalhigh: [44, 'u32'],
  freehigh: [48, 'u32'],
  mem_unit: [52, 'u32'],
});

/** struct pollfd. */
export const POLLFD = layout('pollfd', 8, 4, {
  fd: [0, 'i32'],
  events: [4, 'u16'],
  revents: [6, 'u16'],
});

export const STRUCT_LAYOUTS = [TIMESPEC, TIMEVAL, IOVEC, KSTAT, STATX_TIMESTAMP, STATX, DIRENT64, UTSNAME, WINSIZE, RLIMIT64, K_SIGACTION, RUSAGE32, SIGINFO, SIGNALFD_SIGINFO, STACK_T, SPAWN_ATTR, SPAWN_FDOP, FLOCK, STATFS, POLLFD] as const;
