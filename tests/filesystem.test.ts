import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kandelo, program, type RunResult } from './lib/run.js';

/**
 * The filesystem, exercised by C programs (tests/c/fs-*.c) run in the kernel. Each program prints
 * one line per check ("label: ok", "label: ENAME", "label: value"); a line "# name" starts a
 * section, so each test below asserts one section exactly and a failure points at one area.
 * The expected lines are Linux's answers (the programs were checked against Linux natively).
 */

/** A host directory used as the cwd of every run: the CLI mounts it at the same guest path. */
let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'kandelo-fs-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

interface Run extends RunResult {
  /** stdout split into sections: "" for the lines before the first "# name" line. */
  sections: Record<string, string[]>;
}

function split(stdout: string): Record<string, string[]> {
  const out: Record<string, string[]> = { '': [] };
  let cur = '';
  const lines = stdout === '' ? [] : (stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout).split('\n');
  for (const line of lines) {
    if (line.startsWith('# ')) out[(cur = line.slice(2))] = [];
    else out[cur]!.push(line);
  }
  return out;
}

/** Runs tests/c/<name>.c with `args` (options such as --mount go in `opts.flags`). */
async function run(name: string, args: string[] = [], opts: { flags?: string[]; cwd?: string } = {}): Promise<Run> {
  const r = await kandelo(['run', ...(opts.flags ?? []), program(name), ...args], { cwd: opts.cwd ?? cwd });
  return { ...r, sections: split(r.stdout) };
}

/** One run shared by the tests of a describe block (each asserts its own section). */
function shared(start: () => Promise<Run>): () => Promise<Run> {
  let p: Promise<Run> | undefined;
  return () => (p ??= start());
}

/** The run ended normally, with nothing on stderr. */
function clean(r: Run): void {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

describe('files: create, excl, append, truncate, offsets, odd opens, O_TMPFILE, unlinked files', () => {
  const expected: Record<string, string[]> = {
    'create append truncate': [
      'create excl: ok', 'create excl again: EEXIST', 'create without excl: ok', 'write: 5',
      'append write: 2, offset after 7', 'read at 1 from append fd: 3 ell', 'pwrite on append fd: 1', 'after append: helloXY!',
      'O_TRUNC size: 0',
      'ftruncate 10: 0 size 10', 'content: abc.......', 'ftruncate 2: 0 size 2', 'truncate 5: 0 size 5', 'content: ab...',
      'offset kept by truncate: 3', 'ftruncate negative: EINVAL', 'ftruncate read-only fd: EINVAL', 'write read-only fd: EBADF',
      'read write-only fd: EBADF',
    ],
    'pread pwrite lseek': [
      'pwrite: 2 offset 1', 'pread: 4 2ZZ5 offset 1', 'pread past end: 0', 'read continues at 1: 3 12Z',
      'SEEK_END -1: 9', 'SEEK_CUR +3: 12', 'SEEK_CUR to negative: EINVAL', 'bad whence: EINVAL', 'offset after failed seeks: 12',
      'write past end: 1 size 13', 'content: 012ZZ56789..E',
    ],
    'odd opens': [
      'open dir O_WRONLY: EISDIR', 'open dir O_RDWR: EISDIR', 'open dir O_CREAT: EISDIR', 'open dir O_RDONLY: ok', 'read dir: EISDIR',
      'O_DIRECTORY on a file: ENOTDIR', 'O_DIRECTORY on a dir: ok', 'O_NOFOLLOW on a symlink: ELOOP',
      'O_CREAT|O_NOFOLLOW on a symlink: ELOOP', 'O_CREAT|O_EXCL on a symlink: EEXIST', 'O_NOFOLLOW on a plain file: ok',
      'O_PATH|O_NOFOLLOW on a symlink: ok', 'fstat of O_PATH symlink: link', 'O_PATH|O_NOFOLLOW|O_DIRECTORY on a symlink: ENOTDIR',
      'missing parent: ENOENT', 'file as a directory: ENOTDIR', 'unknown open flag 0x10: ok',
      'O_CREAT on a file with a trailing slash: EISDIR', 'O_CREAT via dangling link with a trailing slash: EISDIR',
      'O_CREAT|O_EXCL via dangling link: EEXIST', 'O_CREAT via dangling link: ok', 'target made: via mode 600',
    ],
    'O_TMPFILE and unlinked files': [
      'O_TMPFILE read-only: EINVAL', 'O_TMPFILE on a file: ENOTDIR', 'O_TMPFILE: ok', 'tmpfile write: 9', 'tmpfile pread: 9 anonymous',
      'tmpfile nlink 0 size 9 regular 1', 'listing: 4 entries (f, lnk, dangling, made-by-link) + 2 dots',
      'unlink open file: 0', 'stat after unlink: ENOENT', 'fstat after unlink: nlink 0 size 10', 'read after unlink: 10 still here',
      'write after unlink: 1 size 11',
    ],
    // Linux truncates on O_TRUNC whatever the access mode (write permission is checked).
    'O_RDONLY|O_TRUNC': ['O_RDONLY|O_TRUNC: size 0'],
    // Since Linux 6.4, O_CREAT|O_DIRECTORY is EINVAL, before anything is created.
    'O_CREAT|O_DIRECTORY': ['O_CREAT|O_DIRECTORY: EINVAL', 'O_CREAT|O_DIRECTORY made nothing: 1'],
  };

  for (const where of ['tmpfs (/tmp)', 'a host mount (the cwd)'] as const) {
    describe(`on ${where}`, () => {
      const host = where !== 'tmpfs (/tmp)';
      const r = shared(() => run('fs-files', host ? [join(cwd, 'files')] : []));
      for (const [section, lines] of Object.entries(expected)) {
        it(section, async () => {
          const o = await r();
          clean(o);
          expect(o.sections['']).toEqual([]);
          expect(o.sections[section]).toEqual(lines);
        });
      }
      if (host) {
        it('what the guest left on the host', async () => {
          await r();
          expect(readFileSync(join(cwd, 'files/made-by-link'), 'utf8')).toBe('via');
          expect(readlinkSync(join(cwd, 'files/dangling'))).toBe('made-by-link');
          // ("cd" is the O_CREAT|O_DIRECTORY check's business, asserted above.)
          const names = readdirSync(join(cwd, 'files')).filter((n) => n !== 'cd').sort();
          expect(names).toEqual(['dangling', 'f', 'lnk', 'made-by-link', 'rt']);
        });
      }
    });
  }
});

describe('directories and renames', () => {
  const r = shared(() => run('fs-dirs', [cwd]));

  it('mkdir, rmdir and unlink errnos, directory link counts', async () => {
    const o = await r();
    clean(o);
    expect(o.sections['']).toEqual(['mkdir base: ok']);
    expect(o.sections['mkdir rmdir unlink']).toEqual([
      'mkdir d: ok', 'mkdir d again: EEXIST', 'mkdir over a file: EEXIST', 'mkdir missing parent: ENOENT',
      'mkdir under a file: ENOTDIR', 'mkdir trailing slash: ok', 'rmdir missing: ENOENT', 'rmdir non-empty: ENOTEMPTY',
      'rmdir a file: ENOTDIR', 'unlink a dir: EISDIR', 'rmdir d/.: EINVAL', 'rmdir d/..: ENOTEMPTY', 'unlink missing: ENOENT',
      'unlink file/: ENOTDIR', 'unlink inside: ok', 'empty dir: nlink 2', 'with two subdirs: nlink 4', 'rmdir d: ok',
      'd exists after rmdir: 0',
    ]);
  });

  it('rename: file over file, dir over empty dir, and the refusals', async () => {
    expect((await r()).sections.rename).toEqual([
      'rename file over file: ok', 'f2 now: one same inode 1, f1 exists 0', 'rename to itself: ok', 'rename onto own hard link: ok',
      'both names remain: 1 1', 'rename dir over empty dir: ok', 'B/payload: in A, A exists 0',
      'rename dir over non-empty dir: ENOTEMPTY', 'rename dir into its own subdir: EINVAL', 'rename dir onto its subdir: EINVAL',
      'rename file over dir: EISDIR', 'rename dir over file: ENOTDIR', 'rename missing: ENOENT', 'rename into missing dir: ENOENT',
      'rename dir to new name: ok', 'P2/Q exists: 1', 'rename with trailing slash on a file: ENOTDIR',
      'rename dir with trailing slashes: ok',
    ]);
  });

  it('rename with "." or ".." as the last component is EBUSY (EEXIST with RENAME_NOREPLACE)', async () => {
    // Linux's do_renameat2: EBUSY for a source or target that is not a plain name (EINVAL is rmdir's answer).
    expect((await r()).sections['rename dot names']).toEqual([
      'rename to dir/.: EBUSY', 'rename dir/.. away: EBUSY', 'RENAME_NOREPLACE to dir/..: EEXIST', 'f2 still there: 1',
    ]);
  });

  it('renameat2: RENAME_NOREPLACE and RENAME_EXCHANGE', async () => {
    expect((await r()).sections.renameat2).toEqual([
      'RENAME_NOREPLACE onto existing: EEXIST', 'RENAME_NOREPLACE to new: ok', 'x2=X y=Y', 'RENAME_EXCHANGE: ok',
      'after exchange x2=Y y=X', 'RENAME_EXCHANGE file and dir: ok', 'after exchange: E is a file 1, y/in-E: e',
      'RENAME_EXCHANGE with missing: ENOENT', 'RENAME_NOREPLACE|RENAME_EXCHANGE: EINVAL', 'renameat2 bad flags: EINVAL',
    ]);
  });

  it('rename from /tmp to the host cwd mount is EXDEV', async () => {
    expect((await r()).sections['across mounts']).toEqual([
      'rename across mounts: EXDEV', 'rename dir across mounts: EXDEV', 'x2 still here: 1, nothing made there: 1',
    ]);
    expect(existsSync(join(cwd, 'moved'))).toBe(false);
  });

  it('getdents while unlinking 500 entries sees each once; 10000 entries are all listed', async () => {
    expect((await r()).sections.getdents).toEqual([
      'readdir+unlink: seen once 500, more than once 0, never 0, strays 0, unlinked 500', 'left afterwards: 0',
      'rmdir emptied dir: ok', 'rewinddir sees a new entry: 1',
      '10000 entries: listed 10000, dots 2, duplicates 0, bad 0',
    ]);
  });

  it('a removed directory lists nothing', async () => {
    // Linux: getdents on a removed directory is ENOENT (not even "." and ".."); readdir ends.
    expect((await r()).sections['removed directory']).toEqual(['readdir of a removed directory: 0 entries']);
  });
});

describe('hard and symbolic links', () => {
  it('link counts, EXDEV, EPERM, readlink, dangling links, loops, the 40-link limit, "..", trailing slashes', async () => {
    const r = await run('fs-links', [cwd]);
    clean(r);
    expect(r.sections['']).toEqual([
      'nlink: 1', 'link: ok', 'after link: 2 2 same inode 1', 'link onto existing: EEXIST', 'link missing: ENOENT',
      'link to a directory: EPERM', 'unlink one name: ok', 'nlink: 1', 'link across mounts: EXDEV',
      'symlink: ok', 'symlink onto existing: EEXIST', 'symlink empty target: ENOENT', 'readlink: 1 f', 'readlink of a file: EINVAL',
      'stat follows: reg, lstat: link size 1', 'read through symlink: target text',
      'stat dangling: ENOENT', 'lstat dangling: ok', 'access dangling: ENOENT', 'readlink dangling: 7 nowhere',
      'readlink truncates: 3 now',
      'stat loop: ELOOP', 'open loop: ELOOP', 'lstat loop: ok', 'stat self loop: ELOOP',
      'chain of 39: ok', 'chain of 40: ok', 'chain of 41: ELOOP', 'open chain of 40: target text', 'open chain of 41: ELOOP',
      'relative ../f: target text', 'relative through another link: target text', 'absolute target: target text',
      'to-y/.. is x (physical ..): 1', 'through dir link: zed', 'dir link with trailing slash in target: ok',
      'relative link up out of /tmp: kandelo', 'host mount root/.. is its parent: 1',
      'file with trailing slash: ENOTDIR', 'stat file/: ENOTDIR', 'symlink to file with trailing slash: ENOTDIR',
      'lstat symlink to file with trailing slash: ENOTDIR', 'symlink to dir with trailing slash: ok', 'lstat to-y/ follows: dir',
      'dir with trailing slash: ok', 'link to a new name with trailing slash: ENOENT', 'and no such name made: ENOENT',
      'link onto a directory with trailing slash: EEXIST', 'unlink symlink: ok', 'target after unlinking link: target text',
    ]);
    expect(existsSync(join(cwd, 'hardlink'))).toBe(false);
  });
});

describe('the *at family', () => {
  const r = shared(() => run('fs-at'));

  it('openat and the other calls relative to a dirfd', async () => {
    const o = await r();
    clean(o);
    expect(o.sections['']).toEqual(['open dir: ok']);
    expect(o.sections.openat).toEqual([
      'openat create: ok', 'seen by path: at!', 'openat with a file as dirfd: ENOTDIR', 'openat absolute ignores dirfd: ok',
      'openat bad dirfd: EBADF', 'openat AT_FDCWD relative: ENOENT', 'mkdirat: ok', 'symlinkat: ok', 'readlinkat: 1 f',
      'linkat: ok', 'renameat: ok', 'unlinkat: ok', 'unlinkat dir without AT_REMOVEDIR: EISDIR', 'unlinkat AT_REMOVEDIR: ok',
      'mkfifoat: ok',
    ]);
  });

  it('fstatat with AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH, O_PATH descriptors', async () => {
    expect((await r()).sections.fstatat).toEqual([
      'fstatat nofollow: link, follow: reg size 3', 'fifo is a fifo: 1', 'fstatat bad flag: EINVAL',
      'fstatat empty path without flag: ENOENT', 'fstatat AT_EMPTY_PATH: ok', 'same file: 1 size 3', 'O_PATH open: ok',
      'read on O_PATH fd: EBADF', 'O_PATH fstatat: same 1', 'O_PATH|O_NOFOLLOW of a link, AT_EMPTY_PATH: link',
      'readlinkat of the O_PATH link: 1 f', 'openat through O_PATH dirfd: ok',
    ]);
  });

  it('fchdir and getcwd', async () => {
    expect((await r()).sections.fchdir).toEqual([
      'fchdir: ok', 'getcwd: /tmp/fs-at', 'relative open after fchdir: ok', 'fchdir to a file: ENOTDIR',
    ]);
  });

  it('a dirfd and the cwd follow their directory when it is renamed or removed', async () => {
    expect((await r()).sections['renamed dirfd and cwd']).toEqual([
      "rename the dirfd's and cwd's directory: ok", 'openat via dirfd after rename: ok', 'relative open via cwd after rename: ok',
      'getcwd after rename: /tmp/fs-at/renamed', 'fchdir to the renamed dirfd: ok', 'getcwd after fchdir: /tmp/fs-at/renamed',
      'getcwd of a removed cwd: ENOENT', 'create in a removed cwd: ENOENT',
    ]);
  });

  it('faccessat, fchmodat and fchmod', async () => {
    expect((await r()).sections['faccessat fchmodat']).toEqual([
      'faccessat R_OK|W_OK: ok', 'faccessat missing: ENOENT', 'faccessat X_OK on 0644 (root): EACCES',
      'faccessat X_OK on a dir (root): ok', 'faccessat bad mode: EINVAL', 'fchmodat 0640: ok', 'mode: 640', 'fchmod 0751: ok',
      'mode: 4751', 'faccessat X_OK after chmod 0640 (root): EACCES',
    ]);
  });

  it('utimensat with explicit nanoseconds, UTIME_OMIT and UTIME_NOW; futimens', async () => {
    expect((await r()).sections.utimensat).toEqual([
      'utimensat explicit: ok', 'atime 1000000000.123456789 mtime 1500000000.987654321', 'utimensat UTIME_OMIT atime: ok',
      'atime 1000000000.123456789 mtime 2000000000.000000005', 'utimensat UTIME_NOW mtime: ok',
      'mtime is now: 1, atime kept 1000000000', 'utimensat bad nsec: EINVAL', 'utimensat on symlink nofollow: ok',
      'link mtime 1500000000, target mtime unchanged 1', 'futimens: ok', 'futimens mtime 1500000000.987654321',
      'utimensat before 1970: ok', 'atime -1.500000000 mtime -2147483647.000000001',
      'statx mtime -2147483647.000000001',
    ]);
  });

  it('statx fields', async () => {
    expect((await r()).sections.statx).toEqual([
      'statx: ok', 'statx mask basic: 1', 'statx mode 100640 nlink 1 uid 0 gid 0 size 3', 'statx ino matches: 1, blksize>0: 1',
      'statx mtime 1500000000.987654321 atime 1000000000.123456789', 'statx ctime matches stat: 1', 'statx nofollow: ok',
      'statx of link: link size 1', 'statx AT_EMPTY_PATH: ok', 'statx fd size 3', 'statx /dev/null: ok',
      'statx /dev/null rdev 1:3 chr 1', 'statx reserved mask bit: EINVAL', 'statx missing: ENOENT',
    ]);
  });
});

describe('advisory locks between processes', () => {
  const r = shared(() => run('fs-locks'));

  it('fcntl record locks: EAGAIN, F_GETLK names the holder, F_SETLKW waits for the unlock', async () => {
    const o = await r();
    clean(o);
    expect(o.sections['record locks']).toEqual([
      'parent F_SETLK write 10..29: ok', 'child F_SETLK write 15..15: EAGAIN', 'child F_SETLK read 29..29: EAGAIN',
      'child F_SETLK write 30..39: ok', 'child F_SETLK write 0..9: ok',
      'child F_GETLK: type F_WRLCK pid-is-parent 1 start 10 len 20', 'child F_GETLK on a free range: F_UNLCK',
      'child still blocked after 300ms: 1', 'child F_SETLKW: ok, the unlock came first: 1',
      'parent unlocked: 0, child got the lock: 1', 'child exit: 0', 'parent F_SETLK write 0..EOF after child exit: ok',
    ]);
  });

  it('EDEADLK for two processes each waiting for the other', async () => {
    expect((await r()).sections.deadlock).toEqual(['deadlock: exactly one EDEADLK 1, the other got its lock 1']);
  });

  it('closing any descriptor of the file drops the process\'s POSIX locks, not its OFD locks', async () => {
    expect((await r()).sections['close drops POSIX locks']).toEqual([
      'before: POSIX lock held, OFD lock held', 'after closing another fd: POSIX lock gone, OFD lock held',
    ]);
  });

  it('flock: separate opens conflict, a description shared by fork shares the lock', async () => {
    expect((await r()).sections.flock).toEqual([
      'parent flock LOCK_EX: ok', 'child flock separate open LOCK_EX|LOCK_NB: EAGAIN',
      'child flock separate open LOCK_SH|LOCK_NB: EAGAIN', 'child flock inherited fd LOCK_EX|LOCK_NB: ok',
      'child unlocks the inherited description: ok', 'child flock separate open now: ok', 'parent flock while child holds it: EAGAIN',
      'parent flock after child died: ok', 'two shared flocks: ok', 'upgrade with a shared holder: EAGAIN',
      'flock bad operation: EINVAL',
    ]);
  });

  it('locks on a pipe: seen by another process, dropped by a close, flock gone with the last close', async () => {
    expect((await r()).sections['pipe locks']).toEqual([
      'parent F_SETLK write on a pipe: ok', 'child F_GETLK: 0 type-is-write 1 pid-is-parent 1',
      'child F_SETLK while the parent holds it: EAGAIN', 'child F_SETLK after the parent\'s close: ok', 'child exit: 0',
      'flock LOCK_EX on the pipe: ok', 'flock from another description: EAGAIN', 'flock after the holder\'s last close: ok',
    ]);
  });

  it('OFD locks conflict between two opens of one process; POSIX locks of one process do not', async () => {
    expect((await r()).sections['ofd locks']).toEqual([
      'F_OFD_SETLK write 0..9 via a: ok', 'F_OFD_SETLK write 5 via b: EAGAIN', 'F_OFD_SETLK read 9 via b: EAGAIN',
      'F_OFD_SETLK write 10..19 via b: ok', 'F_OFD_GETLK via b: type F_WRLCK pid -1 start 0 len 10',
      'F_OFD_SETLK with l_pid set: EINVAL', 'F_SETLK write via c: ok', 'F_SETLK write via d, same process: ok',
      'F_OFD_SETLK via b after a closed: ok', 'write lock on a read-only fd: EBADF', 'bad l_type: EINVAL', 'negative start: EINVAL',
    ]);
  });
});

describe('FIFOs between processes', () => {
  const r = shared(() => run('fs-fifo'));

  it('mkfifo, blocking opens on both sides, a checked stream then EOF, ENXIO without a reader', async () => {
    const o = await r();
    clean(o);
    expect(o.sections['']).toEqual([
      'mkfifo: ok', 'mkfifo again: EEXIST', 'is a fifo: 1 size 0', 'O_WRONLY|O_NONBLOCK without a reader: ENXIO',
      'O_RDONLY|O_NONBLOCK without a writer: ok', 'read with no writer ever: 0', 'O_WRONLY|O_NONBLOCK with a reader: ok',
      'reader open (waits for the writer): ok', 'stream: 300000 bytes, first bad -1, then 0, writer exit 0',
      'writer first: 11 late reader',
    ]);
  });

  it('poll readiness and hang-up, poll woken by another process, select timing out, EPIPE', async () => {
    expect((await r()).sections['poll and select']).toEqual([
      'poll empty: 1 reader none writer OUT', 'read empty nonblocking: EAGAIN', 'poll after write: 2 reader IN writer OUT',
      'poll after writer closed: 1 reader HUP', 'read after writer closed: 0', 'poll woken by child: 1 IN, waited (0, 10s): 1',
      'select timeout: 0, set cleared 1, waited >=150ms 1, <10s 1', 'select readable: 1 1', 'O_RDWR open: ok',
      'O_RDWR round trip: 2 rw', 'write without readers: EPIPE', 'unlink fifo: ok',
    ]);
  });
});

describe('devices', () => {
  const r = shared(() => run('fs-dev'));

  it('/dev/null, zero, full, urandom, random; /dev/tty without a controlling terminal', async () => {
    const o = await r();
    expect(o.stderr).toBe('');
    expect(o.sections['memory devices']).toEqual([
      '/dev/null read: 0', '/dev/null write: 6', '/dev/zero read: 100 all zero 1, beyond untouched 1', '/dev/full write: ENOSPC',
      '/dev/full read: 8 zero 1', '/dev/urandom: 64 64 differ 1 nonzero 1', '/dev/random: 16', '/dev/tty: ENXIO',
      '/dev/null: chr 1 major 1 minor 3 mode 666', '/dev/zero: 1,5', '/dev/urandom: 1,9',
    ]);
  });

  it('/dev/fd and /dev/std* lead into /proc/self/fd', async () => {
    expect((await r()).sections.links).toEqual([
      'readlink /dev/fd: /proc/self/fd', 'readlink /dev/stdin: /proc/self/fd/0', 'readlink /dev/stdout: /proc/self/fd/1',
      'readlink /dev/stderr: /proc/self/fd/2', 'read /dev/fd/N: 11 via /dev/fd (own offset 1)', '/dev/stdout is fd 1: 1',
    ]);
  });

  it('ls /dev', async () => {
    expect((await r()).sections.listing).toEqual([
      'ls /dev: fd full null ptmx pts random shm stderr stdin stdout tty urandom zero', 'd_type of null/fd/shm right: 1',
    ]);
  });

  it('mknod as root: a device node (EACCES to open on nodev /tmp), FIFOs; EPERM for a directory', async () => {
    const lines = [...(await r()).sections['mknod as root']!];
    // No driver answers for a node made outside devfs: ENXIO (Linux would open /dev/null's driver).
    expect(lines[4]).toMatch(/^open it in \/root: (ENXIO|works, write 1)$/);
    lines[4] = 'open it in /root: (checked above)';
    expect(lines).toEqual([
      'mknod chr in /tmp as root: ok', 'made: chr 1 rdev 1,3', 'open it on nodev /tmp: EACCES', 'mknod chr in /root as root: ok',
      'open it in /root: (checked above)', 'mknod a FIFO: ok',
      // Linux's may_mknod: S_IFDIR is EPERM, an unknown type (S_IFLNK) EINVAL.
      'mknod a directory: EPERM', 'mknod a symlink type: EINVAL',
    ]);
  });

  it('mknod of a device as uid 1000 is EPERM (EACCES first where it may not write)', async () => {
    const o = await r();
    expect(o.sections['mknod as uid 1000']).toEqual([
      'setgid 1000: ok', 'setuid 1000: ok', 'mknod chr as uid 1000 in /tmp: EPERM',
      'mknod chr as uid 1000 in a root 0755 dir: EACCES', 'mknod a FIFO as uid 1000: ok', 'child exit: 0',
    ]);
    expect(o.code).toBe(0);
  });
});

describe('/proc/self and the system files', () => {
  const r = shared(() => run('fs-proc', ['alpha', 'two words']));

  it('self, cmdline, status, comm', async () => {
    const o = await r();
    clean(o);
    expect(o.sections['']).toEqual([
      '/proc/self is getpid: 1', 'cmdline matches argv: 1 (argc 3)', 'status Pid: 1 PPid: 1', 'status has Name, State, Uid: 1 1 1',
      'comm ends in newline: 1',
    ]);
  });

  it('fd/ lists the open descriptors; fd links reopen a pipe and a deleted file', async () => {
    expect((await r()).sections.fd).toEqual([
      'fd listing: 0 1 2 a b dir', 'fd link of a: /tmp/fs-proc/a', 'fd link of a closed fd: ENOENT', 'fd/0 is a symlink: 1',
      'fdinfo has pos and flags: 1 1', 'pipe link looks like pipe:[N]: 1', 'reopen pipe: ok',
      'read via reopened end: 16 through the pipe', 'write via reopened write end: 13 second writer',
      'reopen deleted file: 16 deleted but open',
    ]);
  });

  it('cwd and root links; another process\'s directory, gone once reaped', async () => {
    expect((await r()).sections['cwd and other processes']).toEqual([
      'cwd link: /tmp/fs-proc', 'root link: /', 'open via cwd link: 1', 'child status: Pid ok 1 PPid is us 1', 'child dir exists: 1',
      'child dir after reaping: ENOENT',
    ]);
  });

  it('/proc/mounts lists /, /dev, /dev/shm, /proc and /tmp', async () => {
    expect((await r()).sections.mounts).toEqual([
      'mount / overlay rw', 'mount /dev devtmpfs rw', 'mount /dev/shm tmpfs rw', 'mount /proc proc rw', 'mount /tmp tmpfs rw',
      '/etc/mtab reads as /proc/mounts: 1',
    ]);
  });

  it('meminfo, uptime, cpuinfo, version', async () => {
    expect((await r()).sections['system files']).toEqual([
      'meminfo starts with MemTotal > 0 kB: 1', 'uptime fields: 2, sane 1', 'cpuinfo processors >= 1: 1',
      '/proc/version starts with Linux: 1',
    ]);
  });
});

describe('mmap of files', () => {
  it('MAP_SHARED writes reach the file by msync and munmap, on tmpfs and on a host mount', async () => {
    const dir = join(cwd, 'mmap');
    mkdirSync(dir);
    const r = await run('fs-mmap', [dir]);
    clean(r);
    const each = [
      'mapping starts with the file: file bytes first', 'msync MS_SYNC: ok', 'read() after msync: mapped bytes',
      'second page: second page', 'size unchanged: 8192', 'munmap: ok', 'read() after munmap: at munmap', 'msync unmapped: ENOMEM',
      'offset mapping sees page 2: second page', 'offset mapping written back: page two start',
      'after MAP_PRIVATE write: mapped bytes', 'shared writable map of a read-only fd: EACCES',
      'private writable map of a read-only fd: mapped', 'map of a write-only fd: EACCES', 'map of a pipe: ENODEV',
    ];
    expect(r.sections['']).toEqual(['[tmpfs]', ...each, '[host mount]', ...each]);
    // The host file holds what went through the mappings.
    const bytes = readFileSync(join(dir, 'mapped.bin'));
    expect(bytes.length).toBe(8192);
    expect(bytes.subarray(100, 112).toString()).toBe('mapped bytes');
    expect(bytes.subarray(200, 209).toString()).toBe('at munmap');
    expect(bytes.subarray(4096, 4110).toString()).toBe('page two start');
    expect(bytes.subarray(5000, 5011).toString()).toBe('second page');
  });
});

describe('permissions after giving up root', () => {
  const r = shared(() => run('fs-perm'));

  it('access(2) answers for the real uid', async () => {
    const o = await r();
    expect(o.stderr).toBe('');
    expect(o.sections['']).toEqual(['/tmp mode 1777']);
    expect(o.sections['real uid']).toEqual([
      'setreuid(1000, -1): ok', 'uid 1000 euid 0', "access R_OK on root's 0600 file: EACCES", 'faccessat AT_EACCESS: ok',
      'open it (euid 0): ok', 'access R_OK on a 0644 file: ok', 'access W_OK on a 0644 file: EACCES', 'child exit: 0',
    ]);
  });

  it('as uid 1000: EACCES for root\'s directories and files, EPERM in sticky /tmp and for chmod/chown', async () => {
    const o = await r();
    expect(o.sections['uid 1000']).toEqual([
      'setgid 1000: ok', 'setuid 1000: ok', 'uid 1000 euid 1000 gid 1000 egid 1000', 'setuid back to 0: EPERM',
      "create in root's 0755 dir: EACCES", "mkdir in root's 0755 dir: EACCES", "unlink in root's 0755 dir: EACCES",
      "read root's 0600 file: EACCES", "read root's 0644 file: ok", "write root's 0644 file: EACCES",
      'read /etc/shadow (0640): EACCES', 'access R_OK on 0600: EACCES', 'access R_OK on 0644: ok',
      "unlink root's file in sticky /tmp: EPERM", "rename root's file in sticky /tmp: EPERM", "write root's 0666 file in /tmp: ok",
      "chmod root's file: EPERM", "chown root's file: EPERM", "utimensat explicit times on root's file: EPERM",
      'utimensat now on a writable root file: ok', 'create own file in /tmp: ok', 'own file: uid 1000 gid 1000 mode 644',
      'chmod own file: ok', 'chown own file to root: EPERM', 'chgrp own file to a group we are not in: EPERM',
      'chown own file to ourselves: ok', 'rename own file in sticky /tmp: ok', 'unlink own file in sticky /tmp: ok',
      'create in /home/user: ok', 'create in /root (0700): EACCES', 'stat in /root (no search permission): EACCES',
      'chdir /root: EACCES', 'root file mode still 666', 'child exit: 0',
      'root unlinks in sticky /tmp: ok', '/home/user/note owner 1000',
    ]);
    expect(o.code).toBe(0);
  });
});

describe('mount and chroot (as root)', () => {
  const r = shared(() => run('fs-mount'));

  it('a new tmpfs, stacked mounts, umount2 and its refusals', async () => {
    const o = await r();
    clean(o);
    expect(o.sections.tmpfs).toEqual([
      'mount tmpfs: ok', 'new tmpfs lists:', 'file there: on the new tmpfs', 'own st_dev: 1, a directory: 1',
      'listed in /proc/mounts: 1', 'rename across the mount point: EXDEV', 'mount on m/sub: ok',
      'umount m while m/sub is mounted: EBUSY', 'rmdir a mount point: EBUSY', 'umount m/sub: ok', 'umount m: ok',
      'file gone with it: ENOENT', 'what was under it: hidden by the mount', 'listed in /proc/mounts: 0',
      'umount a plain directory: EINVAL', 'umount missing: ENOENT', 'mount an unknown type: ENODEV',
      'mount on a missing dir: ENOENT', 'mount tmpfs on a file: ENOTDIR', 'mount a lower tmpfs: ok', 'mount another on top: ok',
      'top mount lists: top', 'umount the top one: ok', 'lower mount shows again: lower', 'umount the lower one: ok',
    ]);
  });

  it('a bind mount shares its source\'s files', async () => {
    expect((await r()).sections.bind).toEqual([
      'bind mount: ok', 'through the bind: from src', 'seen in the source: made through bind', 'same inode: 1',
      'rename between source and bind: EXDEV',
    ]);
  });

  it('a read-only bind remount gives EROFS for every change', async () => {
    expect((await r()).sections['read-only bind']).toEqual([
      'bind again: ok', 'remount read-only: ok', 'read through ro bind: from src', 'create on ro bind: EROFS',
      'open for write on ro bind: EROFS', 'unlink on ro bind: EROFS', 'mkdir on ro bind: EROFS', 'chmod on ro bind: EROFS',
      'truncate on ro bind: EROFS', 'symlink on ro bind: EROFS', 'utimes on ro bind: EROFS', 'access W_OK on ro bind: EROFS',
      'statvfs ST_RDONLY: 1', 'the source stays writable: ok', 'umount robind: ok', 'umount bind: ok', 'bind dir after umount:',
    ]);
  });

  it('chroot: "/" is the jail, and neither ".." nor symlinks lead out', async () => {
    expect((await r()).sections.chroot).toEqual([
      'chroot: ok', 'chdir /: ok', 'ls /: etc inside sub', 'ls /..: etc inside sub', 'ls /../../..: etc inside sub',
      'getcwd after ../../..: /', '/inside: in the jail', "/etc/passwd is the jail's: ENOENT",
      'absolute symlink to /: etc inside sub', 'relative ../ symlink: etc inside sub', 'no /proc inside: ENOENT', '/.. is /: 1',
      'chroot to a file: ENOTDIR', 'chroot to a missing dir: ENOENT',
    ]);
  });

  it('statfs magic numbers', async () => {
    expect((await r()).sections.statfs).toEqual([
      'statfs /tmp: TMPFS_MAGIC', 'statfs /proc: PROC_SUPER_MAGIC', 'statfs /dev/shm: TMPFS_MAGIC', 'statfs missing: ENOENT',
    ]);
  });
});

/** Every path under `root` (relative, sorted) with its type, size and link target. */
function snapshot(root: string, skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const rel = relative(root, p);
      if (skip(rel)) continue;
      const st = lstatSync(p);
      const what = st.isSymbolicLink() ? `-> ${readlinkSync(p)}` : st.isDirectory() ? 'dir' : `${st.size} ${(st.mode & 0o7777).toString(8)}`;
      out.push(`${rel} ${what}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out.sort();
}

describe('host mounts keep the guest inside', () => {
  let top: string;
  let secret: string;
  let secretText: string;
  beforeAll(() => {
    top = mkdtempSync(join(tmpdir(), 'kandelo-escape-'));
    secret = join(top, 'secret.txt');
    secretText = `TOP-SECRET-${randomBytes(8).toString('hex')}`;
    writeFileSync(secret, secretText);
    mkdirSync(join(top, 'mnt'));
    writeFileSync(join(top, 'mnt/ok.txt'), 'visible\n');
    symlinkSync(secret, join(top, 'mnt/abs'));
    symlinkSync('../secret.txt', join(top, 'mnt/rel'));
    symlinkSync('..', join(top, 'mnt/up'));
    mkdirSync(join(top, 'ro/d'), { recursive: true });
    writeFileSync(join(top, 'ro/keep.txt'), 'keep me\n', { mode: 0o644 });
    mkdirSync(join(top, 'work'));
  });
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  const mounts = () => ['--mount', `${join(top, 'mnt')}:/mnt`, '--mount', `${join(top, 'ro')}:/ro:ro`];

  it('symlinks, "..", /proc/self/cwd and guest-made symlinks all resolve in the guest tree', async () => {
    const outside = snapshot(top, (rel) => rel === 'mnt' || rel.startsWith('mnt/'));
    const r = await run('fs-hostfs', ['escape', secret], { flags: mounts(), cwd: join(top, 'work') });
    expect(r.stdout).not.toContain(secretText);
    expect(r.stdout).not.toContain('TOP-SECRET');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.sections['']).toEqual([
      'plain file in the mount: read "visible|"',
      'absolute symlink to the host path: ENOENT', 'relative ../ symlink: ENOENT', 'dir symlink ../ then file: ENOENT',
      '/mnt/../secret.txt: ENOENT', '/mnt/../../<host path>: ENOENT', 'many ../ then the host path: ENOENT',
      'the host path itself: ENOENT',
      'chdir /mnt: ok', '/proc/self/cwd: /mnt', '/proc/self/cwd/../secret.txt: ENOENT', '/proc/self/cwd/rel: ENOENT',
      '/proc/self/cwd/ok.txt: read "visible|"', '../secret.txt from cwd /mnt: ENOENT', 'openat(/mnt fd, ../secret.txt): ENOENT',
      '/proc/self/fd/N/../secret.txt: ENOENT',
      'symlink to the host path: ok', 'readlink mine is the host path: 1', 'read through mine: ENOENT',
      'symlink to a guest file: ok', 'read through guest-link: read "kandelo|"', 'symlink to /: ok',
      '/mnt/hostroot/<host path>: ENOENT', 'symlink to ..: ok', '/mnt/parent/secret.txt: ENOENT',
      'mkdir /mnt/d: ok', 'rename /mnt/d /mnt/d2: ok', 'symlink host dir as /mnt/d: ok', 'openat(old d fd, secret.txt): ENOENT',
      'openat(old d fd, ../secret.txt): ENOENT', '/mnt/d/secret.txt: ENOENT',
      'rename out of the mount: EXDEV', 'rename into ../ via symlink dir: EXDEV', 'link out of the mount: EXDEV',
      'hard link of the abs symlink inside: ok', 'read through the hard-linked symlink: ENOENT',
      'create through the abs symlink: ok', 'create through the rel symlink: ok', 'what the rel symlink made: read ""',
      'write a file inside: ok',
      'mkfifo in the mount: ok', 'fifo type and mode: 1 640', 'mkfifo again: EEXIST', 'fifo read: 16 "through the fifo" writer status 0',
      'listing /mnt works: 1',
    ]);
    expect(lstatSync(join(top, 'mnt/fifo')).isFIFO()).toBe(true);
    // The guest's symlinks are on the host with the text the guest gave.
    expect(readlinkSync(join(top, 'mnt/mine'))).toBe(secret);
    expect(readlinkSync(join(top, 'mnt/guest-link'))).toBe('/etc/hostname');
    expect(readlinkSync(join(top, 'mnt/hostroot'))).toBe('/');
    expect(readlinkSync(join(top, 'mnt/d'))).toBe(top);
    expect(lstatSync(join(top, 'mnt/d2')).isDirectory()).toBe(true);
    expect(readFileSync(join(top, 'mnt/ok.txt'), 'utf8')).toBe('visible\n');
    expect(statSync(join(top, 'mnt/written-by-guest')).size).toBe(0);
    // Nothing outside the mount changed: the secret, the read-only tree, the cwd, no new names.
    expect(readFileSync(secret, 'utf8')).toBe(secretText);
    expect(snapshot(top, (rel) => rel === 'mnt' || rel.startsWith('mnt/'))).toEqual(outside);
    expect(existsSync(join(tmpdir(), 'escaped.txt'))).toBe(false);
    expect(existsSync(join(tmpdir(), 'escaped-link'))).toBe(false);
  });

  it('a read-only mount gives EROFS for create, unlink, mkdir, rename, chmod and the rest', async () => {
    const before = snapshot(top);
    const r = await run('fs-hostfs', ['ro'], { flags: mounts(), cwd: join(top, 'work') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.sections['']).toEqual([
      'read: read "keep me|"', 'create: EROFS', 'open for write: EROFS', 'open O_TRUNC: EROFS', 'unlink: EROFS', 'mkdir: EROFS',
      'rmdir: EROFS', 'rename: EROFS', 'chmod: EROFS', 'chown: EROFS', 'truncate: EROFS', 'symlink: EROFS', 'link: EROFS',
      'utimes: EROFS', 'mkfifo: EROFS', 'access W_OK: EROFS', 'access R_OK: ok', 'ftruncate on a read-only fd: EINVAL',
      'fchmod: EROFS', 'still there: read "keep me|"',
    ]);
    expect(snapshot(top)).toEqual(before);
    expect(readFileSync(join(top, 'ro/keep.txt'), 'utf8')).toBe('keep me\n');
  });
});

describe('booting from an image: the overlay takes the writes, the image stays as it was', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kandelo-image-'));
    mkdirSync(join(dir, 'tree/data/sub'), { recursive: true });
    writeFileSync(join(dir, 'tree/data/hello.txt'), 'image file content\n');
    writeFileSync(join(dir, 'tree/data/gone.txt'), 'delete me\n');
    writeFileSync(join(dir, 'tree/data/sub/nested.txt'), 'nested\n');
    symlinkSync('hello.txt', join(dir, 'tree/data/link'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

  it('mkimage --defaults, then reads, copy-up writes, whiteouts, renames', async () => {
    const img = join(dir, 'root.img');
    const made = await kandelo(['mkimage', '--defaults', join(dir, 'tree'), img], { cwd: dir });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/root\.img: \d+ bytes\n$/);
    const before = sha(img);
    const r = await run('fs-image', [], { flags: ['--root', img], cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.sections['']).toEqual([
      'ls /data: gone.txt hello.txt link sub', 'hello.txt: "image file content|"', 'hello.txt: uid 0 mode 644 size 19',
      'through the image\'s symlink: "image file content|"', 'nested: "nested|"', 'defaults: /etc/hostname: "kandelo|"',
      'defaults: /tmp is a dir 1',
      'open for write: ok', 'after write: "changed in the guest|"', 'after append: "changed in the guest|appended|"', 'chmod: ok',
      'nested mode now 600, content kept:', 'nested: "nested|"',
      'unlink gone.txt: ok', 'gone.txt: ENOENT', 'ls /data: hello.txt link sub', 'create gone.txt anew: ok',
      'new gone.txt is empty: ""', 'rmdir non-empty image dir: ENOTEMPTY', 'unlink nested: ok', 'rmdir emptied image dir: ok',
      'mkdir where it was: ok', 'new sub is empty:',
      'rename image file: ok', 'renamed: "changed in the guest|appended|"', 'old name: ENOENT', 'new file in an image dir: ok',
      'ls /data: gone.txt link new.txt renamed.txt sub',
    ]);
    expect(r.code).toBe(0);
    expect(sha(img)).toBe(before);
    // A second boot starts from the image again: the first run's changes were the overlay's.
    const again = await run('fs-image', [], { flags: ['--root', img], cwd: dir });
    expect(again.sections['']!.slice(0, 2)).toEqual(['ls /data: gone.txt hello.txt link sub', 'hello.txt: "image file content|"']);
  });

  it('a missing or malformed image is refused with a readable message', async () => {
    const missing = await kandelo(['run', '--root', '/nonexistent', program('fs-image')], { cwd: dir });
    expect(missing.stderr).toBe('kandelo: /nonexistent: No such file or directory\n');
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    const bad = join(dir, 'garbage.img');
    writeFileSync(bad, randomBytes(5000));
    const garbage = await kandelo(['run', '--root', bad, program('fs-image')], { cwd: dir });
    expect(garbage.stderr).toMatch(/^kandelo: cannot boot: .*\n$/);
    expect(garbage.code).toBe(2);
    expect(garbage.stdout).toBe('');
  });
});
