import { describe, expect, it } from 'vitest';
import { LOCK_TYPE } from '@kandelo/kernel-core';
import { OFFSET_MAX } from './lock-range.js';
import { RecordLocks, type RequestType } from './record-locks.js';

const { RDLCK: RD, WRLCK: WR, UNLCK: UN } = LOCK_TYPE;
const A = { name: 'A' };
const B = { name: 'B' };

function set(l: RecordLocks, owner: object, type: RequestType, start: bigint, end: bigint): boolean {
  return l.apply(owner, false, owner === A ? 1 : 2, type, { start, end });
}
/** The owner's locks as [type, start, end] triples, by start. */
const of = (l: RecordLocks, owner: object) =>
  l.all().filter((x) => x.owner === owner).map((x) => [x.type, x.start, x.end]);

describe('RecordLocks', () => {
  it('merges overlapping and touching locks of one owner and type', () => {
    const l = new RecordLocks();
    set(l, A, RD, 0n, 9n);
    set(l, A, RD, 20n, 29n);
    set(l, A, RD, 10n, 19n);
    expect(of(l, A)).toEqual([[RD, 0n, 29n]]);
    set(l, A, RD, 25n, 40n);
    expect(of(l, A)).toEqual([[RD, 0n, 40n]]);
  });

  it('does not merge locks of different owners or types', () => {
    const l = new RecordLocks();
    set(l, A, RD, 0n, 9n);
    set(l, B, RD, 10n, 19n);
    set(l, A, WR, 20n, 29n);
    expect(of(l, A)).toEqual([[RD, 0n, 9n], [WR, 20n, 29n]]);
    expect(of(l, B)).toEqual([[RD, 10n, 19n]]);
  });

  it('splits a lock when its middle is unlocked', () => {
    const l = new RecordLocks();
    set(l, A, WR, 0n, OFFSET_MAX);
    expect(set(l, A, UN, 10n, 19n)).toBe(true);
    expect(of(l, A)).toEqual([[WR, 0n, 9n], [WR, 20n, OFFSET_MAX]]);
  });

  it('unlocks across several locks and leaves the rest', () => {
    const l = new RecordLocks();
    set(l, A, RD, 0n, 9n);
    set(l, A, WR, 10n, 19n);
    set(l, A, RD, 30n, 39n);
    set(l, A, UN, 5n, 34n);
    expect(of(l, A)).toEqual([[RD, 0n, 4n], [RD, 35n, 39n]]);
  });

  it('downgrades part of a write lock, splitting it in three', () => {
    const l = new RecordLocks();
    set(l, A, WR, 0n, 99n);
    expect(set(l, A, RD, 40n, 59n)).toBe(true);
    expect(of(l, A)).toEqual([[WR, 0n, 39n], [RD, 40n, 59n], [WR, 60n, 99n]]);
  });

  it('upgrades a read lock in place and re-merges', () => {
    const l = new RecordLocks();
    set(l, A, WR, 0n, 99n);
    set(l, A, RD, 40n, 59n);
    expect(set(l, A, WR, 40n, 59n)).toBe(false);
    expect(of(l, A)).toEqual([[WR, 0n, 99n]]);
  });

  it('says whether anything was freed: unlocking nothing or upgrading frees nothing', () => {
    const l = new RecordLocks();
    expect(set(l, A, UN, 0n, 9n)).toBe(false);
    set(l, A, RD, 0n, 9n);
    expect(set(l, A, RD, 0n, 9n)).toBe(false);
    expect(set(l, A, WR, 0n, 9n)).toBe(false);
    expect(set(l, A, UN, 9n, 9n)).toBe(true);
  });

  it('finds conflicts: write against anything, read only against write, never the own owner', () => {
    const l = new RecordLocks();
    set(l, A, RD, 0n, 9n);
    set(l, A, WR, 20n, 29n);
    expect(l.conflicts(B, RD, { start: 0n, end: 9n })).toEqual([]);
    expect(l.conflicts(B, WR, { start: 5n, end: 5n }).map((x) => x.start)).toEqual([0n]);
    expect(l.conflicts(B, RD, { start: 0n, end: 25n }).map((x) => x.start)).toEqual([20n]);
    expect(l.conflicts(B, WR, { start: 0n, end: OFFSET_MAX }).map((x) => x.start)).toEqual([0n, 20n]);
    expect(l.conflicts(A, WR, { start: 0n, end: OFFSET_MAX })).toEqual([]);
    expect(l.conflicts(B, WR, { start: 10n, end: 19n })).toEqual([]);
  });

  it('removes all of one owner', () => {
    const l = new RecordLocks();
    set(l, A, RD, 0n, 9n);
    set(l, B, RD, 0n, 9n);
    set(l, A, WR, 20n, 29n);
    expect(l.removeOwner(A)).toBe(true);
    expect(l.removeOwner(A)).toBe(false);
    expect(l.hasOwner(A)).toBe(false);
    expect(of(l, B)).toEqual([[RD, 0n, 9n]]);
  });
});
