export * from './fake-host.js';
export * from './test-thread.js';
export * from './syscall-table.js';
