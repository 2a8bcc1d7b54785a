export { OverlayFs, type OverlayFsOptions, OVERLAYFS_SUPER_MAGIC } from './overlay-fs.js';
export { UPPER_INO_BASE } from './overlay-meta.js';
