export { DEV, DevFs, type DevFsOptions, TMPFS_MAGIC } from './dev-fs.js';
export { DevChar, DevDir, type DevFsContext, DevNode, DevSymlink, type DeviceOpener, makeDev } from './dev-node.js';
export { fullOps, nullOps, randomOps, zeroOps } from './mem-devices.js';
