/* Calls to longjmp in code compiled with -mllvm -wasm-enable-sjlj never reach
 * these: LLVM rewrites them to __wasm_longjmp. They serve calls through
 * pointers and code compiled without the flag. */
#include <setjmp.h>

_Noreturn void __wasm_longjmp(void *, int);

_Noreturn void longjmp(jmp_buf env, int val)
{
	__wasm_longjmp(env, val);
}

_Noreturn void _longjmp(jmp_buf env, int val)
{
	__wasm_longjmp(env, val);
}
