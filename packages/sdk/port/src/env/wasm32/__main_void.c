/* Pulled from libc.a only when the program defines neither
 * __main_argc_argv nor __main_void: its main is main(argc, argv, envp),
 * which clang does not rename. */
#include <unistd.h>

int main(int, char **, char **);
extern __attribute__((__visibility__("hidden"))) char **__kandelo_argv;

int __main_void(void)
{
	int argc = 0;
	while (__kandelo_argv[argc]) argc++;
	return main(argc, __kandelo_argv, __kandelo_argv + argc + 1);
}
