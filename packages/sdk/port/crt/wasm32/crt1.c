/* Process entry for kandelo wasm32 modules.
 *
 * The host instantiates the module on the process's shared memory (the
 * start function wasm-ld generates initialises memory and the main thread's
 * TLS), writes the start block and the channel into process memory, sets
 * __stack_pointer, and calls
 *
 *     void __kandelo_start(long *block, void *channel);
 *
 * block: argc, argv[0..argc-1], NULL, envp..., NULL, auxv (key, value)
 * pairs..., AT_NULL. It never returns: main's result goes to exit(), which
 * ends in the exit_group system call; once the kernel has ended the thread it
 * completes the call and the glue traps out of wasm. */
#include <features.h>
#include <kandelo/channel.h>
#include <stdlib.h>
#include "libc.h"

extern hidden _Thread_local void *__kandelo_channel;

void __wasm_call_ctors(void);

/* clang renames main on wasm: main(int, char **) is __main_argc_argv and
 * main(void) is __main_void. libc.a supplies the missing one: its
 * __main_argc_argv calls __main_void, whose libc version calls a
 * three-argument main (src/env/wasm32). */
int __main_argc_argv(int, char **);

hidden char **__kandelo_argv;

/* musl calls __libc_start_init once TLS, the thread pointer and environ are
 * set up, just before main: the point where ELF targets run _init and their
 * init_array. On wasm the constructors are __wasm_call_ctors, so this
 * replaces musl's weak default. */
hidden void __libc_start_init(void)
{
	__wasm_call_ctors();
}

/* musl's __libc_start_main, minus its two calls through function pointers
 * (stage 2 and main): __init_libc, the constructors, then main, all called
 * directly. With no indirect call on the way from the entry to main, the
 * fork instrumentation (lib/postlink.mjs) follows the direct calls only and
 * leaves alone every function pointer call elsewhere with main's type. */
__attribute__((__export_name__(KANDELO_START_EXPORT)))
void __kandelo_start(long *block, void *channel)
{
	int argc = block[0];
	char **argv = (char **)(block + 1);
	__kandelo_channel = channel;
	__kandelo_argv = argv;
	__init_libc(argv + argc + 1, argv[0]);
	__libc_start_init();
	exit(__main_argc_argv(argc, argv));
}

__attribute__((__export_name__(KANDELO_ABI_EXPORT)))
int __kandelo_abi(void)
{
	return KANDELO_ABI_VERSION;
}

/* Function-table index 1 would be a function pointer equal to SIG_IGN (index 0 is null, SIG_DFL),
 * and wasm-ld 16 has no --table-base. crt1.o is linked first, so the first function whose address
 * it takes gets index 1: this placeholder, which no program can name. */
static void __kandelo_sig_ign_slot(int sig) { (void)sig; }
__attribute__((__used__)) void (*const __kandelo_reserved_table_slot)(int) = __kandelo_sig_ign_slot;
