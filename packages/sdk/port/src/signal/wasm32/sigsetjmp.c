/* sigsetjmp is a macro in <setjmp.h> (LLVM only lowers calls named setjmp):
 *     sigsetjmp(env, save) == __kandelo_sigsetjmp_tail(env, save, setjmp(env))
 * On the first return the mask is saved when asked; on a return through
 * siglongjmp the saved mask is restored. */
#include <setjmp.h>
#include <signal.h>
#include "syscall.h"

int __kandelo_sigsetjmp_tail(sigjmp_buf env, int save, int ret)
{
	if (!ret) {
		env->__fl = !!save;
		if (save)
			__syscall(SYS_rt_sigprocmask, SIG_SETMASK, 0, env->__ss, _NSIG/8);
	} else if (env->__fl) {
		__syscall(SYS_rt_sigprocmask, SIG_SETMASK, env->__ss, 0, _NSIG/8);
	}
	return ret;
}
