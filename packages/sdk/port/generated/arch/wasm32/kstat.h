/* Generated from @kandelo/kernel-core (src/abi). Do not edit: run `npm run gen-headers -w @kandelo/sdk`. */
struct kstat {
	unsigned long long st_dev;
	unsigned long long st_ino;
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned long long st_rdev;
	long long st_size;
	int st_blksize;
	char __pad0[4];
	long long st_blocks;
	long long st_atime_sec;
	long long st_atime_nsec;
	long long st_mtime_sec;
	long long st_mtime_nsec;
	long long st_ctime_sec;
	long long st_ctime_nsec;
};
