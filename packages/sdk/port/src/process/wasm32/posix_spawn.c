/* posix_spawn as one system call: the kernel creates the child from the
 * path, argv, envp, the file actions and the attributes, without copying
 * this process. musl's posix_spawn (a clone that runs the actions, then
 * exec) and everything built on it (posix_spawnp, system, popen) come here.
 *
 *     kandelo_spawn(path, argv, envp, actions, attr, flags)
 *
 * actions is the posix_spawn_file_actions_t's __actions list (struct fdop,
 * newest first; the kernel applies them oldest first through the prev
 * links) or 0; attr is the posix_spawnattr_t or 0; flags has
 * KANDELO_SPAWN_SEARCH_PATH for posix_spawnp. It returns the child's pid or
 * -errno; posix_spawn returns the error number itself, as POSIX says. */
#include <spawn.h>
#include <kandelo/layouts.h>
#include "syscall.h"

hidden int __kandelo_spawn(pid_t *restrict res, const char *restrict path,
	const posix_spawn_file_actions_t *fa,
	const posix_spawnattr_t *restrict attr,
	char *const argv[restrict], char *const envp[restrict], int flags)
{
	long r = __syscall(SYS_kandelo_spawn, path, argv, envp,
		fa ? fa->__actions : 0, attr, flags);
	if (r < 0) return -r;
	if (res) *res = r;
	return 0;
}

int posix_spawn(pid_t *restrict res, const char *restrict path,
	const posix_spawn_file_actions_t *fa,
	const posix_spawnattr_t *restrict attr,
	char *const argv[restrict], char *const envp[restrict])
{
	/* musl's posix_spawnp asks for a PATH search by setting __fn; ours
	 * passes the flag instead, but code that copies the idiom works. */
	int flags = attr && attr->__fn ? KANDELO_SPAWN_SEARCH_PATH : 0;
	return __kandelo_spawn(res, path, fa, attr, argv, envp, flags);
}
