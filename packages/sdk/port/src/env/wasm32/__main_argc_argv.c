/* Pulled from libc.a only when the program does not define
 * __main_argc_argv, i.e. when its main takes no arguments or three. */
int __main_void(void);

int __main_argc_argv(int argc, char **argv)
{
	return __main_void();
}
