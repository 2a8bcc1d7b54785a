/* Word 0 holds the setjmp id that the LLVM wasm sjlj lowering compares in
 * testSetjmp; the rest is reserved. */
typedef unsigned long __jmp_buf[8];
