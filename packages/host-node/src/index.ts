export { NodeKernel, SpawnError, shellStatus, type BootOptions, type SpawnOptions } from './node-kernel.js';
export { composeNodeKernel } from './compose.js';
export { NodeConsole } from './node-console.js';
export { NodeHostFs } from './node-host-fs.js';
export { NodeClock, NodeRandom } from './node-clock.js';
export { NodeProcessRunner } from './node-process-runner.js';
export { buildImageFromDir, imageTreeFromDir, type ImageFromDirOptions } from './image-from-dir.js';
