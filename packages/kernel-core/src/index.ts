export * from './abi/index.js';
