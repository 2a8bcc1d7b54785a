export { MemFs, type MemFsOptions, type OpenDevice, TMPFS_MAGIC } from './mem-fs.js';
export { BOGO_DIRENT_SIZE, MemDir } from './mem-dir.js';
export { MAX_FILE_SIZE, MemFile, MemFileHandle } from './mem-file.js';
export { MemNode, S_ISGID, S_ISUID, S_ISVTX } from './mem-node.js';
export { MemDevice, MemSpecial } from './mem-special.js';
export { MemSymlink } from './mem-symlink.js';
export { NAME_MAX, utf8Length } from './names.js';
