import { CHANNEL, CHANNEL_ARGS, CHANNEL_PARKED, CHANNEL_STATE, ERESTART, SPIN_SLEEP_HINT } from './channel-layout.js';
import {
  AT, CLD, F, IOCTL, LOCK, LOCK_TYPE, MINSIGSTKSZ, O, PAGE_SIZE, POLL, SA, SFD, SI, SIGNALS, S, SS, UTIME,
} from './constants.js';
import { ERRNO_TABLE } from './errno-table.js';
import { CFLAG, IFLAG, KTERMIOS, LFLAG, OFLAG, TCFLSH_QUEUE, TCXONC_ACTION, VCC } from './termios.js';
import { ABI_VERSION, MODULE_ABI } from './module-abi.js';
import { IO_KERNEL } from '../io/io-layout.js';
import {
  DIRENT64, FDOP, FLOCK, IOVEC, KANDELO_SPAWN, KSTAT, POSIX_SPAWN, POLLFD, SIGNALFD_SIGINFO, SPAWN_ATTR, STACK_T, STATFS, STRUCT_LAYOUTS, SYSINFO, TIMESPEC, UTSNAME,
  WINSIZE,
  type StructLayout,
} from './struct-layouts.js';
import { SYSCALL_ROWS } from './syscall-table.js';

const BANNER = '/* Generated from @kandelo/kernel-core (src/abi). Do not edit: run `npm run gen-headers -w @kandelo/sdk`. */\n';

/**
 * The ABI is time64-only: the plain names of calls that take a time (futex, clock_gettime, ppoll...)
 * are aliases of their *_time64 numbers, so `syscall(SYS_futex, ...)` compiles and means the
 * 64-bit-time call, as on riscv32.
 */
export const TIME64_ALIASES: Readonly<Record<string, string>> = {
  futex: 'futex_time64', clock_gettime: 'clock_gettime64', clock_settime: 'clock_settime64',
  clock_adjtime: 'clock_adjtime64', clock_getres: 'clock_getres_time64', clock_nanosleep: 'clock_nanosleep_time64',
  timer_gettime: 'timer_gettime64', timer_settime: 'timer_settime64', timerfd_gettime: 'timerfd_gettime64',
  timerfd_settime: 'timerfd_settime64', utimensat: 'utimensat_time64', pselect6: 'pselect6_time64',
  ppoll: 'ppoll_time64', io_pgetevents: 'io_pgetevents_time64', recvmmsg: 'recvmmsg_time64',
  mq_timedsend: 'mq_timedsend_time64', mq_timedreceive: 'mq_timedreceive_time64',
  semtimedop: 'semtimedop_time64', rt_sigtimedwait: 'rt_sigtimedwait_time64',
  sched_rr_get_interval: 'sched_rr_get_interval_time64',
};

/** musl's arch/wasm32/bits/syscall.h.in: __NR_ names; musl's build derives SYS_ names from it. */
function syscallHeader(): string {
  return BANNER + SYSCALL_ROWS.map(([nr, name]) => `#define __NR_${name} ${nr}\n`).join('') +
    Object.entries(TIME64_ALIASES).map(([plain, t64]) => `#define __NR_${plain} __NR_${t64}\n`).join('');
}

/** The glue's channel header. */
function channelHeader(): string {
  const lines = [
    BANNER,
    '#ifndef KANDELO_CHANNEL_H',
    '#define KANDELO_CHANNEL_H',
    `#define KANDELO_ABI_VERSION ${ABI_VERSION}`,
    ...Object.entries(CHANNEL).map(([k, v]) => `#define KANDELO_CH_${k} ${v}`),
    `#define KANDELO_CH_NARGS ${CHANNEL_ARGS}`,
    ...Object.entries(CHANNEL_STATE).map(([k, v]) => `#define KANDELO_STATE_${k} ${v}`),
    ...Object.entries(CHANNEL_PARKED).map(([k, v]) => `#define KANDELO_PARKED_${k} ${v}`),
    `#define KANDELO_SPIN_SLEEP_HINT ${SPIN_SLEEP_HINT}`,
    `#define KANDELO_ERESTART ${ERESTART}`,
    `#define KANDELO_RING_MODULE "${MODULE_ABI.RING.module}"`,
    `#define KANDELO_RING_NAME "${MODULE_ABI.RING.name}"`,
    `#define KANDELO_IO_MODULE "${MODULE_ABI.IO.module}"`,
    `#define KANDELO_IO_NAME "${MODULE_ABI.IO.name}"`,
    `#define KANDELO_IO_KERNEL ${IO_KERNEL}`,
    `#define KANDELO_START_EXPORT "${MODULE_ABI.START_EXPORT}"`,
    `#define KANDELO_THREAD_START_EXPORT "${MODULE_ABI.THREAD_START_EXPORT}"`,
    `#define KANDELO_FORK_MODULE "${MODULE_ABI.FORK.module}"`,
    `#define KANDELO_FORK_NAME "${MODULE_ABI.FORK.name}"`,
    `#define KANDELO_FORK_BUFFER_EXPORT "${MODULE_ABI.FORK_BUFFER_EXPORT}"`,
    `#define KANDELO_FORK_BUFFER_SIZE ${MODULE_ABI.FORK_BUFFER_SIZE}`,
    `#define KANDELO_ABI_EXPORT "${MODULE_ABI.ABI_EXPORT}"`,
    `#define KANDELO_POLL_EXPORT "${MODULE_ABI.POLL_EXPORT}"`,
    '#endif',
    '',
  ];
  return lines.join('\n');
}

const CTYPE: Record<string, string> = {
  u8: 'unsigned char', u16: 'unsigned short', i32: 'int', u32: 'unsigned int',
  i64: 'long long', u64: 'unsigned long long', ptr: 'unsigned int',
};

/** Offsets and sizes of every struct layout, for C checks against musl's own (internal) headers. */
function layoutsHeader(): string {
  const out = [BANNER, '#ifndef KANDELO_LAYOUTS_H', '#define KANDELO_LAYOUTS_H'];
  for (const l of STRUCT_LAYOUTS) {
    const up = l.cname.toUpperCase();
    out.push(`#define KANDELO_${up}_SIZE ${l.size}`);
    for (const [f, [o]] of Object.entries(l.fields)) out.push(`#define KANDELO_${up}_${f.toUpperCase()} ${o}`);
  }
  for (const [k, v] of Object.entries(FDOP)) out.push(`#define KANDELO_FDOP_${k} ${v}`);
  for (const [k, v] of Object.entries(KANDELO_SPAWN)) out.push(`#define KANDELO_SPAWN_${k} ${v}`);
  out.push('#endif', '');
  return out.join('\n');
}

/** musl's arch/wasm32/kstat.h: struct kstat exactly as the kernel writes it. */
function kstatHeader(): string {
  return BANNER + structDecl(KSTAT) + '\n';
}

function structDecl(l: StructLayout): string {
  const entries = Object.entries(l.fields).sort((a, b) => a[1][0] - b[1][0]);
  const out = [`struct ${l.cname} {`];
  let at = 0;
  let pad = 0;
  for (const [name, [off, type]] of entries) {
    if (off > at) out.push(`\tchar __pad${pad++}[${off - at}];`);
    const arr = /^(char|u8)\[(\d+)\]$/.exec(type);
    if (arr) {
      out.push(`\t${arr[1] === 'char' ? 'char' : 'unsigned char'} ${name}[${arr[2]}];`);
      at = off + Number(arr[2]);
    } else {
      out.push(`\t${CTYPE[type]} ${name};`);
      at = off + ({ u8: 1, u16: 2, i32: 4, u32: 4, ptr: 4, i64: 8, u64: 8 } as Record<string, number>)[type]!;
    }
  }
  if (l.size > at) out.push(`\tchar __pad${pad++}[${l.size - at}];`);
  out.push('};');
  return out.join('\n');
}

/**
 * A C file compiled while the sysroot is built: it asserts every constant and layout the kernel
 * relies on against musl's own headers, so the two cannot drift apart silently.
 */
function abiCheck(): string {
  const a: string[] = [BANNER, '#define _GNU_SOURCE', '#include <errno.h>', '#include <fcntl.h>',
    '#include <signal.h>', '#include <stddef.h>', '#include <sys/stat.h>', '#include <sys/uio.h>',
    '#include <sys/utsname.h>', '#include <sys/ioctl.h>', '#include <time.h>', '#include <dirent.h>',
    '#include <limits.h>', '#include <unistd.h>', '#include <sys/syscall.h>', '#include <spawn.h>',
    '#include <sys/statfs.h>', '#include <sys/sysinfo.h>', '#include <poll.h>', '#include <sys/file.h>', '#include <stdio.h>', '#include <sys/signalfd.h>', '#include <termios.h>', ''];
  const eq = (c: string, v: number | string) => a.push(`_Static_assert((${c}) == (${v}), "${c.replace(/"/g, "'")}");`);
  for (const [k, [code]] of Object.entries(ERRNO_TABLE)) eq(k, code);
  for (const [k, v] of Object.entries(O)) if (k !== 'ACCMODE') eq(`O_${k}`, v);
  eq('O_ACCMODE', O.ACCMODE | O.PATH);
  for (const [k, v] of Object.entries(AT)) eq(`AT_${k}`, v);
  for (const [k, v] of Object.entries(S)) eq(`S_${k}`, v);
  for (const [k, v] of Object.entries(F)) eq(`F_${k}`, v);
  for (const [k, v] of Object.entries(SIGNALS)) eq(k, v);
  for (const [k, v] of Object.entries(SA)) if (k !== 'RESTORER') eq(`SA_${k}`, `${v}u`);
  for (const [k, v] of Object.entries(SI)) eq(`SI_${k}`, v);
  for (const [k, v] of Object.entries(CLD)) eq(`CLD_${k}`, v);
  eq('PAGESIZE', PAGE_SIZE);
  const off = (st: string, l: StructLayout, map: Record<string, string> = {}) => {
    eq(`sizeof(struct ${st})`, l.size);
    for (const [f, [o]] of Object.entries(l.fields)) {
      const cf = map[f] ?? f;
      if (cf) eq(`offsetof(struct ${st}, ${cf})`, o);
    }
  };
  off('stat', KSTAT, {
    st_atime_sec: 'st_atim.tv_sec', st_atime_nsec: 'st_atim.tv_nsec', st_mtime_sec: 'st_mtim.tv_sec',
    st_mtime_nsec: 'st_mtim.tv_nsec', st_ctime_sec: 'st_ctim.tv_sec', st_ctime_nsec: 'st_ctim.tv_nsec',
  });
  off('timespec', TIMESPEC);
  off('iovec', IOVEC);
  off('utsname', UTSNAME);
  off('winsize', WINSIZE);
  off('flock', FLOCK);
  off('statfs', STATFS);
  off('pollfd', POLLFD);
  for (const [f, [o]] of Object.entries(SYSINFO.fields)) eq(`offsetof(struct sysinfo, ${f})`, o);
  off('signalfd_siginfo', SIGNALFD_SIGINFO);
  off('sigaltstack', STACK_T);
  for (const [k, v] of Object.entries(SFD)) eq(`SFD_${k}`, v);
  for (const [k, v] of Object.entries(SS)) eq(`SS_${k}`, v);
  eq('MINSIGSTKSZ', MINSIGSTKSZ);
  for (const [k, v] of Object.entries(POLL)) eq(`POLL${k}`, v);
  for (const [k, v] of Object.entries(LOCK_TYPE)) eq(`F_${k}`, v);
  for (const [k, v] of Object.entries(LOCK)) eq(`LOCK_${k}`, v);
  for (const [k, v] of Object.entries(UTIME)) eq(`UTIME_${k}`, v);
  eq('offsetof(struct dirent, d_name)', DIRENT64.size);
  eq('sizeof(posix_spawnattr_t)', SPAWN_ATTR.size);
  eq('offsetof(posix_spawnattr_t, __flags)', SPAWN_ATTR.flags);
  eq('offsetof(posix_spawnattr_t, __pgrp)', SPAWN_ATTR.pgrp);
  eq('offsetof(posix_spawnattr_t, __def)', SPAWN_ATTR.sigdefault);
  eq('offsetof(posix_spawnattr_t, __mask)', SPAWN_ATTR.sigmask);
  eq('offsetof(posix_spawnattr_t, __fn)', SPAWN_ATTR.fn);
  for (const [k, v] of Object.entries(POSIX_SPAWN)) eq(`POSIX_SPAWN_${k}`, v);
  for (const [k, v] of Object.entries(IOCTL)) eq(k, `${v}u`);
  for (const f of ['c_iflag', 'c_oflag', 'c_cflag', 'c_lflag', 'c_line', 'c_cc'] as const) eq(`offsetof(struct termios, ${f})`, KTERMIOS[f]);
  for (const group of [VCC, IFLAG, OFLAG, CFLAG, LFLAG, TCFLSH_QUEUE, TCXONC_ACTION]) for (const [k, v] of Object.entries(group)) eq(k, v);
  eq('sizeof(time_t)', 8);
  eq('sizeof(off_t)', 8);
  eq('sizeof(long)', 4);
  eq('sizeof(void *)', 4);
  a.push('');
  return a.join('\n');
}

/** Every generated file, by its path under packages/sdk/port/generated/. */
export function generateCHeaders(): Record<string, string> {
  return {
    'arch/wasm32/bits/syscall.h.in': syscallHeader(),
    'arch/wasm32/kstat.h': kstatHeader(),
    'include/kandelo/channel.h': channelHeader(),
    'include/kandelo/layouts.h': layoutsHeader(),
    'abi-check.c': abiCheck(),
  };
}
