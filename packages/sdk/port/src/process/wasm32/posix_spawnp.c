/* posix_spawnp: the kernel searches PATH (from envp; "/usr/local/bin:/bin:
 * /usr/bin" when envp has none), see posix_spawn.c. */
#include <spawn.h>
#include <kandelo/layouts.h>

hidden int __kandelo_spawn(pid_t *restrict, const char *restrict,
	const posix_spawn_file_actions_t *, const posix_spawnattr_t *restrict,
	char *const [restrict], char *const [restrict], int);

int posix_spawnp(pid_t *restrict res, const char *restrict file,
	const posix_spawn_file_actions_t *fa,
	const posix_spawnattr_t *restrict attr,
	char *const argv[restrict], char *const envp[restrict])
{
	return __kandelo_spawn(res, file, fa, attr, argv, envp,
		KANDELO_SPAWN_SEARCH_PATH);
}
