import { S } from '@kandelo/kernel-core';

const DT: Record<number, number> = {
  [S.IFIFO]: 1, [S.IFCHR]: 2, [S.IFDIR]: 4, [S.IFBLK]: 6, [S.IFREG]: 8, [S.IFLNK]: 10, [S.IFSOCK]: 12,
};

/** The DT_* directory-entry type of a mode (DT_UNKNOWN, 0, for anything else). */
export const dtype = (mode: number): number => DT[mode & S.IFMT] ?? 0;
