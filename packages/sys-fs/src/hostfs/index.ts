export { HostFs, type HostFsOptions } from './host-fs.js';
export { HostInode } from './host-inode.js';
export { HostDir } from './host-dir.js';
export { HostFile } from './host-file.js';
export { HostSymlink } from './host-symlink.js';
export { HostHandle } from './host-handle.js';
