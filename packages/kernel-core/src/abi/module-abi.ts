/**
 * What a process module must look like to run on kandelo: the contract between the SDK's crt and
 * glue and the hosts. Bump ABI_VERSION on any incompatible change to this, the channel layout,
 * the syscall table or the struct layouts.
 */
export const ABI_VERSION = 1;

export const MODULE_ABI = {
  /** Shared memory import. */
  MEMORY: { module: 'env', name: 'memory' },
  /** Host function: wake the kernel after a channel went PENDING (cheap when the kernel spins). */
  RING: { module: 'kandelo', name: 'ring' },
  /** Exported function `int __kandelo_abi(void)` returning ABI_VERSION: how a host recognises a kandelo module. */
  ABI_EXPORT: '__kandelo_abi',
  /** Exported entry: void __kandelo_start(long *block, void *channel). block = argc, argv..., 0, envp..., 0, auxv pairs. */
  START_EXPORT: '__kandelo_start',
  /** Exported globals the host needs. */
  HEAP_BASE_EXPORT: '__heap_base',
  STACK_POINTER_EXPORT: '__stack_pointer',
} as const;
