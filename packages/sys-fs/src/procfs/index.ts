export { PROC_ROOT_INO, PROC_SUPER_MAGIC, ProcFs, type ProcFsOptions, ProcRoot } from './proc-fs.js';
export { DEFAULT_FILESYSTEMS, DEFAULT_OS_RELEASE, DEFAULT_OS_VERSION, type ProcSource } from './proc-source.js';
export { PidDir, pidIno, PID_INO_BASE, PID_INO_SPAN } from './pid-dir.js';
export { FdDir, FdLink, fdTarget } from './fd-dir.js';
export { ANON_INODE_FS_MAGIC, OpenFileInode, PIPEFS_MAGIC } from './open-file-inode.js';
export { openSnapshot, snapshotOps, type SnapshotState } from './snapshot-file.js';
export { stateOf } from './pid-status.js';
export { formatMapsLine, type MapsLine, mapsLines } from './pid-maps.js';
export { type Generator, type NodeInit, type Owner, ProcDir, ProcFile, ProcLink, ProcNode, StaticDir } from './proc-node.js';
