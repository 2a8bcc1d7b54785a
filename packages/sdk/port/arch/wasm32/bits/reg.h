#undef __WORDSIZE
#define __WORDSIZE 32
/* WebAssembly has no user-visible register file. */
