/** What a process worker imports for pipe I/O (the `@kandelo/kernel-core/fast-io` entry). */
export { createFastIo, type FastIo, type FastIoOptions, IO_KERNEL } from './fast-io.js';
