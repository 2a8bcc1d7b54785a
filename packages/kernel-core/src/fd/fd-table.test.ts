import { describe, expect, it } from 'vitest';
import { E } from '../abi/errno.js';
import { FdTable } from './fd-table.js';
import { type FileOps, OpenFile } from './open-file.js';

/** A file that counts its releases. */
function counted() {
  const seen = { released: 0 };
  const ops: FileOps = { seekable: false, stat: () => ({}) as never, release: () => void seen.released++ };
  return { f: new OpenFile(ops, 0, '/x'), seen };
}

describe('FdTable', () => {
  it('allocates the lowest free descriptor at or above min', () => {
    const t = new FdTable(8);
    expect(t.alloc(counted().f)).toBe(0);
    expect(t.alloc(counted().f)).toBe(1);
    expect(t.alloc(counted().f, false, 5)).toBe(5);
    t.close(0);
    expect(t.alloc(counted().f)).toBe(0);
  });

  it('drops the reference it was given when the table is full (a failed dup leaks nothing)', () => {
    const t = new FdTable(2);
    const { f, seen } = counted();
    t.alloc(f);
    t.alloc(f.ref());
    let err: unknown;
    try {
      t.alloc(f.ref()); // dup with no free descriptor
    } catch (e) {
      err = e;
    }
    expect(err).toBe(E.EMFILE);
    t.close(0);
    expect(seen.released).toBe(0);
    t.close(1);
    expect(seen.released).toBe(1); // the last close released it: no reference was left behind
  });
});
