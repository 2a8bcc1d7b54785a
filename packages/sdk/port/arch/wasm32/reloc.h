/* Static linking only: there is no dynamic linker on wasm32. */
#define LDSO_ARCH "wasm32"

#define TPOFF_K 0

/* Nothing may jump to a new stack on wasm32; __unmapself has its own
 * implementation in src/thread/wasm32. */
#define CRTJMP(pc,sp) __builtin_trap()
