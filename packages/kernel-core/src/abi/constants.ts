/**
 * Flag and constant values of the ABI (asm-generic Linux values, as musl's generic headers use).
 * The SDK build compiles a generated check file that asserts each of these against musl's headers.
 */
export const O = {
  RDONLY: 0, WRONLY: 1, RDWR: 2, ACCMODE: 3,
  CREAT: 0o100, EXCL: 0o200, NOCTTY: 0o400, TRUNC: 0o1000, APPEND: 0o2000, NONBLOCK: 0o4000,
  DSYNC: 0o10000, ASYNC: 0o20000, DIRECT: 0o40000, LARGEFILE: 0o100000, DIRECTORY: 0o200000,
  NOFOLLOW: 0o400000, NOATIME: 0o1000000, CLOEXEC: 0o2000000, SYNC: 0o4010000, PATH: 0o10000000,
  TMPFILE: 0o20200000,
} as const;

export const AT = {
  FDCWD: -100, SYMLINK_NOFOLLOW: 0x100, REMOVEDIR: 0x200, EACCESS: 0x200, SYMLINK_FOLLOW: 0x400,
  NO_AUTOMOUNT: 0x800, EMPTY_PATH: 0x1000,
} as const;

export const S = {
  IFMT: 0o170000, IFSOCK: 0o140000, IFLNK: 0o120000, IFREG: 0o100000, IFBLK: 0o60000,
  IFDIR: 0o40000, IFCHR: 0o20000, IFIFO: 0o10000,
} as const;

export const SEEK = { SET: 0, CUR: 1, END: 2, DATA: 3, HOLE: 4 } as const;

/** poll(2) event bits. */
export const POLL = {
  IN: 0x001, PRI: 0x002, OUT: 0x004, ERR: 0x008, HUP: 0x010, NVAL: 0x020, RDNORM: 0x040, RDBAND: 0x080,
  WRNORM: 0x100, WRBAND: 0x200, MSG: 0x400, RDHUP: 0x2000,
} as const;

export const F = {
  DUPFD: 0, GETFD: 1, SETFD: 2, GETFL: 3, SETFL: 4, GETLK: 12, SETLK: 13, SETLKW: 14,
  DUPFD_CLOEXEC: 1030, SETPIPE_SZ: 1031, GETPIPE_SZ: 1032,
  OFD_GETLK: 36, OFD_SETLK: 37, OFD_SETLKW: 38, SETOWN: 8, GETOWN: 9,
} as const;
/** struct flock l_type. */
export const LOCK_TYPE = { RDLCK: 0, WRLCK: 1, UNLCK: 2 } as const;
/** flock(2) operations. */
export const LOCK = { SH: 1, EX: 2, NB: 4, UN: 8 } as const;
export const RENAME = { NOREPLACE: 1, EXCHANGE: 2, WHITEOUT: 4 } as const;
export const UTIME = { NOW: 0x3fffffff, OMIT: 0x3ffffffe } as const;
export const FD_CLOEXEC = 1;

export const PROT = { NONE: 0, READ: 1, WRITE: 2, EXEC: 4 } as const;
export const MAP = {
  SHARED: 0x01, PRIVATE: 0x02, TYPE: 0x0f, FIXED: 0x10, ANONYMOUS: 0x20, NORESERVE: 0x4000,
  FIXED_NOREPLACE: 0x100000,
} as const;
export const MREMAP = { MAYMOVE: 1, FIXED: 2 } as const;

export const CLOCK = {
  REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME_ID: 2, THREAD_CPUTIME_ID: 3, MONOTONIC_RAW: 4,
  REALTIME_COARSE: 5, MONOTONIC_COARSE: 6, BOOTTIME: 7,
} as const;

export const SIG_HOW = { BLOCK: 0, UNBLOCK: 1, SETMASK: 2 } as const;
/** Kernel sigset size in bytes (_NSIG/8). */
export const SIGSET_SIZE = 8;
export const NSIG = 65;

export const SIGNALS = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
  SIGSTKFLT: 16, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22,
  SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29,
  SIGPWR: 30, SIGSYS: 31,
} as const;
export type SignalName = keyof typeof SIGNALS;

/** sigaction flags. */
export const SA = {
  NOCLDSTOP: 1, NOCLDWAIT: 2, SIGINFO: 4, ONSTACK: 0x08000000, RESTART: 0x10000000, NODEFER: 0x40000000,
  RESETHAND: 0x80000000, RESTORER: 0x04000000,
} as const;

/** signalfd4 flags (the open-file status flags of the same names). */
export const SFD = { CLOEXEC: 0o2000000, NONBLOCK: 0o4000 } as const;

/** sigaltstack ss_flags. SS_AUTODISARM (1 << 31) is refused with EINVAL, as Linux before 4.7. */
export const SS = { ONSTACK: 1, DISABLE: 2 } as const;
/** The smallest alternate signal stack sigaltstack accepts (ENOMEM below), musl's wasm32 value. */
export const MINSIGSTKSZ = 2048;

/** siginfo si_code values. */
export const SI = { USER: 0, KERNEL: 0x80, QUEUE: -1, TIMER: -2, TKILL: -6 } as const;
export const CLD = { EXITED: 1, KILLED: 2, DUMPED: 3, TRAPPED: 4, STOPPED: 5, CONTINUED: 6 } as const;

export const SIG_DFL = 0;
export const SIG_IGN = 1;

/** ioctl requests (Linux's generic numbers; the TIOCGPTN family encodes its argument size). */
export const IOCTL = {
  TCGETS: 0x5401, TCSETS: 0x5402, TCSETSW: 0x5403, TCSETSF: 0x5404, TCSBRK: 0x5409, TCXONC: 0x540a,
  TCFLSH: 0x540b, TIOCEXCL: 0x540c, TIOCNXCL: 0x540d, TIOCSCTTY: 0x540e, TIOCGPGRP: 0x540f, TIOCSPGRP: 0x5410,
  TIOCOUTQ: 0x5411, TIOCSTI: 0x5412, TIOCGWINSZ: 0x5413, TIOCSWINSZ: 0x5414, FIONREAD: 0x541b, FIONBIO: 0x5421,
  TIOCNOTTY: 0x5422, TIOCSETD: 0x5423, TIOCGETD: 0x5424, TCSBRKP: 0x5425, TIOCSBRK: 0x5427, TIOCCBRK: 0x5428,
  TIOCGSID: 0x5429, TIOCGPTN: 0x80045430, TIOCSPTLCK: 0x40045431, TIOCGPTLCK: 0x80045439, TIOCGPTPEER: 0x5441,
  TIOCPKT: 0x5420, FIOCLEX: 0x5451, FIONCLEX: 0x5450,
} as const;

export const GRND = { NONBLOCK: 1, RANDOM: 2, INSECURE: 4 } as const;

/** prctl options (linux/prctl.h). */
export const PR = { GET_DUMPABLE: 3, SET_DUMPABLE: 4, SET_NAME: 15, GET_NAME: 16, SET_MM: 35 } as const;
/** PR_SET_MM sub-options for the argument and environment areas. */
export const PR_SET_MM = { ARG_START: 8, ARG_END: 9, ENV_START: 10, ENV_END: 11 } as const;
/** A thread's name (PR_SET_NAME, /proc/<pid>/comm) holds this many bytes with its NUL. */
export const TASK_COMM_LEN = 16;

/** Auxiliary vector keys the kernel passes at exec. */
export const AT_AUX = {
  NULL: 0, PHDR: 3, PAGESZ: 6, UID: 11, EUID: 12, GID: 13, EGID: 14, HWCAP: 16, CLKTCK: 17,
  SECURE: 23, RANDOM: 25, EXECFN: 31,
} as const;

/** Page size the ABI reports (mmap granularity); wasm memory itself grows in 64 KiB pages. */
export const PAGE_SIZE = 4096;
export const WASM_PAGE = 65536;
export const PATH_MAX = 4096;

const SIGNAL_NAMES: Record<number, string> = Object.fromEntries(Object.entries(SIGNALS).map(([k, v]) => [v, k]));
/** "SIGSEGV" for 11; "SIGRT<n>" style for real-time signals. */
export function signalName(sig: number): string {
  return SIGNAL_NAMES[sig] ?? (sig >= 32 && sig < NSIG ? `SIGRTMIN+${sig - 32}` : `signal ${sig}`);
}
