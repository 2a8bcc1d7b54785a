/* Runtime support for LLVM 16's WebAssembly setjmp/longjmp lowering
 * (clang -mllvm -wasm-enable-sjlj). Pinned to LLVM 16: later LLVM versions
 * call __wasm_setjmp/__wasm_setjmp_test instead.
 *
 * In a function that calls setjmp, LLVM keeps a table of (id, label) pairs,
 * allocated with malloc(40) (five entries, capacity 4 plus a zero
 * terminator) and freed on return. Each setjmp call site does
 *     table = saveSetjmp(env, label, table, size); size = getTempRet0();
 * longjmp becomes __wasm_longjmp(env, val), which throws the C longjmp tag
 * with a pointer to {env, val}. The catch in each frame asks
 *     label = testSetjmp(*(unsigned *)env, table, size)
 * and either resumes at that setjmp with val, or rethrows. */
#include <stdint.h>
#include <stdlib.h>

struct sjlj_entry {
	uint32_t id;
	uint32_t label;
};

static _Thread_local uint32_t temp_ret0;
static _Thread_local uint32_t next_id;

uint32_t getTempRet0(void)
{
	return temp_ret0;
}

void setTempRet0(uint32_t v)
{
	temp_ret0 = v;
}

struct sjlj_entry *saveSetjmp(uint32_t *env, uint32_t label, struct sjlj_entry *table, uint32_t size)
{
	uint32_t id = ++next_id;
	if (!id) id = ++next_id;
	env[0] = id;

	uint32_t i = 0;
	while (i < size && table[i].id) i++;
	if (i == size) {
		/* Full: double the capacity (plus the terminator). */
		size *= 2;
		table = realloc(table, (size + 1) * sizeof *table);
		if (!table) __builtin_trap();
	}
	table[i].id = id;
	table[i].label = label;
	table[i + 1].id = 0;
	temp_ret0 = size;
	return table;
}

uint32_t testSetjmp(uint32_t id, struct sjlj_entry *table, uint32_t size)
{
	for (uint32_t i = 0; i < size && table[i].id; i++)
		if (table[i].id == id) return table[i].label;
	return 0;
}

static _Thread_local struct {
	void *env;
	int val;
} longjmp_args;

_Noreturn void __wasm_longjmp(void *env, int val)
{
	longjmp_args.env = env;
	longjmp_args.val = val ? val : 1;
	__builtin_wasm_throw(1, &longjmp_args);
}
