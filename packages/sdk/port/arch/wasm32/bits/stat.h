/* Identical, field for field, to struct kstat (kstat.h, generated from
 * @kandelo/kernel-core): the kernel's fstat64/fstatat64 record is the
 * user-visible struct stat. 112 bytes, 8-byte aligned. */
struct stat {
	dev_t st_dev;
	ino_t st_ino;
	mode_t st_mode;
	nlink_t st_nlink;
	uid_t st_uid;
	gid_t st_gid;
	dev_t st_rdev;
	off_t st_size;
	blksize_t st_blksize;
	int __st_blksize_pad;
	blkcnt_t st_blocks;
	struct timespec st_atim;
	struct timespec st_mtim;
	struct timespec st_ctim;
};
