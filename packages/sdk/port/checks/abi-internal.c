/* Layouts the kernel relies on that only libc's internal headers show.
 * Compiled (syntax only) while the sysroot is built; kernel-core's values
 * are in packages/kernel-core/src/abi/struct-layouts.ts. */
#include <stddef.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include "ksigaction.h"

/* K_SIGACTION: handler, flags, restorer, 64-bit mask as two words. */
_Static_assert(sizeof(struct k_sigaction) == 20, "k_sigaction size");
_Static_assert(offsetof(struct k_sigaction, handler) == 0, "k_sigaction.handler");
_Static_assert(offsetof(struct k_sigaction, flags) == 4, "k_sigaction.flags");
_Static_assert(offsetof(struct k_sigaction, restorer) == 8, "k_sigaction.restorer");
_Static_assert(offsetof(struct k_sigaction, mask) == 12, "k_sigaction.mask");

/* rt_sigprocmask and friends take _NSIG/8 = 8 bytes of mask. */
_Static_assert(_NSIG / 8 == 8, "kernel sigset size");

/* struct statfs is what statfs64/fstatfs64 write (they get sizeof as the
 * second argument): 32-bit f_type/f_bsize, 64-bit counts, 88 bytes
 * with the tail padding. */
_Static_assert(sizeof(struct statfs) == 88, "statfs size");
_Static_assert(offsetof(struct statfs, f_blocks) == 8, "statfs.f_blocks");
_Static_assert(offsetof(struct statfs, f_fsid) == 48, "statfs.f_fsid");
_Static_assert(offsetof(struct statfs, f_namelen) == 56, "statfs.f_namelen");

/* struct rlimit is the prlimit64 record (two 64-bit values). */
_Static_assert(sizeof(struct rlimit) == 16, "rlimit size");

/* struct fdop: the posix_spawn file actions list the kernel walks for
 * kandelo_spawn (src/process/fdop.h, musl's own). */
#include <sys/types.h>
#include <kandelo/layouts.h>
#include "fdop.h"

_Static_assert(sizeof(struct fdop) == KANDELO_FDOP_SIZE, "fdop size");
_Static_assert(offsetof(struct fdop, next) == KANDELO_FDOP_NEXT, "fdop.next");
_Static_assert(offsetof(struct fdop, prev) == KANDELO_FDOP_PREV, "fdop.prev");
_Static_assert(offsetof(struct fdop, cmd) == KANDELO_FDOP_CMD, "fdop.cmd");
_Static_assert(offsetof(struct fdop, fd) == KANDELO_FDOP_FD, "fdop.fd");
_Static_assert(offsetof(struct fdop, srcfd) == KANDELO_FDOP_SRCFD, "fdop.srcfd");
_Static_assert(offsetof(struct fdop, oflag) == KANDELO_FDOP_OFLAG, "fdop.oflag");
_Static_assert(offsetof(struct fdop, mode) == KANDELO_FDOP_MODE, "fdop.mode");
_Static_assert(offsetof(struct fdop, path) == KANDELO_FDOP_SIZE, "fdop.path follows the fixed part");
_Static_assert(FDOP_CLOSE == KANDELO_FDOP_CLOSE, "FDOP_CLOSE");
_Static_assert(FDOP_DUP2 == KANDELO_FDOP_DUP2, "FDOP_DUP2");
_Static_assert(FDOP_OPEN == KANDELO_FDOP_OPEN, "FDOP_OPEN");
_Static_assert(FDOP_CHDIR == KANDELO_FDOP_CHDIR, "FDOP_CHDIR");
_Static_assert(FDOP_FCHDIR == KANDELO_FDOP_FCHDIR, "FDOP_FCHDIR");

