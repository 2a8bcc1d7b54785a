/* The kernel manages memory in 4 KiB pages (mmap granularity, AT_PAGESZ),
 * independently of WebAssembly's 64 KiB memory.grow unit. */
#define PAGESIZE 4096
