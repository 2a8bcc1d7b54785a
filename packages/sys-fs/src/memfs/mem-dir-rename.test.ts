import { describe, expect, it } from 'vitest';
import { E, S } from '@kandelo/kernel-core';
import type { Inode } from '../vfs/inode.js';
import { MemFs } from './mem-fs.js';
import { memFixture, user } from './mem-test-fixture.js';


const setup = memFixture;

describe('rename', () => {
  it('moves an entry within a directory and between directories', () => {
    const { root, file, dir, names } = setup();
    const f = file(root, 'f');
    root.rename!('f', root, 'g', false);
    expect(names(root)).toEqual(['g']);
    const d = dir(root, 'd');
    root.rename!('g', d, 'h', false);
    expect(names(root)).toEqual(['d']);
    expect(d.lookup!('h', user)).toBe(f);
    expect(f.stat().nlink).toBe(1);
    expect(() => root.rename!('g', d, 'x', false)).toThrow(E.ENOENT);
  });

  it('replaces an existing file, dropping its link count; an open handle keeps its data', () => {
    const { root, file, handle, nlink } = setup();
    const a = file(root, 'a');
    const b = file(root, 'b');
    root.link!('b2', b);
    const hb = handle(b);
    hb.write(new Uint8Array([9, 9]), 0);
    root.rename!('a', root, 'b', false);
    expect(root.lookup!('b', user)).toBe(a);
    expect(root.lookup!('a', user)).toBeUndefined();
    expect(nlink(b)).toBe(1);
    root.unlink!('b2', false);
    expect(nlink(b)).toBe(0);
    const out = new Uint8Array(2);
    expect(hb.read(out, 0)).toBe(2);
    expect([...out]).toEqual([9, 9]);
  });

  it('does nothing for the same entry or two links of one inode', () => {
    const { root, file, names, nlink, tick } = setup();
    const f = file(root, 'f');
    root.link!('g', f);
    tick();
    root.rename!('f', root, 'f', false);
    root.rename!('f', root, 'g', false);
    expect(names(root)).toEqual(['f', 'g']);
    expect(nlink(f)).toBe(2);
  });

  it('moves a directory between parents, moving its ".." link count', () => {
    const { root, dir, nlink } = setup();
    const a = dir(root, 'a');
    const b = dir(root, 'b');
    const sub = dir(a, 'sub');
    expect([nlink(a), nlink(b), nlink(root)]).toEqual([3, 2, 4]);
    a.rename!('sub', b, 'sub', false);
    expect([nlink(a), nlink(b), nlink(root), nlink(sub)]).toEqual([2, 3, 4, 2]);
    // Renaming inside one directory leaves the count alone.
    b.rename!('sub', b, 'renamed', false);
    expect(nlink(b)).toBe(3);
  });

  it('replaces an empty directory, which is then gone with nlink 0', () => {
    const { root, dir, nlink, names } = setup();
    const a = dir(root, 'a');
    const b = dir(root, 'b');
    const victim = dir(b, 'v');
    const moved = dir(a, 'm');
    a.rename!('m', b, 'v', false);
    expect(b.lookup!('v', user)).toBe(moved);
    expect(nlink(victim)).toBe(0);
    expect([nlink(a), nlink(b)]).toEqual([2, 3]);
    expect(names(b)).toEqual(['v']);
  });

  it('checks what the target may be: ENOTEMPTY, EISDIR, ENOTDIR', () => {
    const { root, dir, file } = setup();
    const d = dir(root, 'd');
    dir(root, 'full');
    file(root.lookup!('full', user)!, 'x');
    file(root, 'f');
    expect(() => root.rename!('d', root, 'full', false)).toThrow(E.ENOTEMPTY);
    expect(() => root.rename!('f', root, 'd', false)).toThrow(E.EISDIR);
    expect(() => root.rename!('d', root, 'f', false)).toThrow(E.ENOTDIR);
    expect(root.lookup!('d', user)).toBe(d);
  });

  it('refuses to move a directory into itself or its own subtree (EINVAL)', () => {
    const { root, dir, names } = setup();
    const a = dir(root, 'a');
    const b = dir(a, 'b');
    const c = dir(b, 'c');
    expect(() => root.rename!('a', c, 'a', false)).toThrow(E.EINVAL);
    expect(() => root.rename!('a', a, 'x', false)).toThrow(E.EINVAL);
    expect(() => a.rename!('b', c, 'y', true)).toThrow(E.ENOENT);
    dir(c, 'y');
    expect(() => a.rename!('b', c, 'y', true)).toThrow(E.EINVAL);
    expect(() => c.rename!('y', a, 'b', true)).toThrow(E.EINVAL);
    expect(names(root)).toEqual(['a']);
  });

  it('refuses another filesystem with EXDEV', () => {
    const { root, file } = setup();
    file(root, 'f');
    const other = new MemFs({ dev: 8, now: () => 0n });
    expect(() => root.rename!('f', other.root, 'f', false)).toThrow(E.EXDEV);
  });

  it('exchange swaps two files, both surviving', () => {
    const { root, file, dir, nlink } = setup();
    const d = dir(root, 'd');
    const a = file(root, 'a');
    const b = file(d, 'b');
    root.rename!('a', d, 'b', true);
    expect(root.lookup!('a', user)).toBe(b);
    expect(d.lookup!('b', user)).toBe(a);
    expect([nlink(a), nlink(b)]).toEqual([1, 1]);
    expect(() => root.rename!('a', d, 'missing', true)).toThrow(E.ENOENT);
  });

  it('exchange of a directory with a file across parents moves the directory link', () => {
    const { root, dir, file, nlink, tick } = setup();
    const p = dir(root, 'p');
    const q = dir(root, 'q');
    const sub = dir(p, 'sub');
    const f = file(q, 'f');
    const t = tick();
    p.rename!('sub', q, 'f', true);
    expect(p.lookup!('sub', user)).toBe(f);
    expect(q.lookup!('f', user)).toBe(sub);
    expect([nlink(p), nlink(q), nlink(sub), nlink(f)]).toEqual([2, 3, 2, 1]);
    expect([sub.stat().ctimeNs, f.stat().ctimeNs, p.stat().mtimeNs, q.stat().mtimeNs]).toEqual([t, t, t, t]);
    // Moving the subdirectory on works from its new parent (its ".." bookkeeping followed).
    q.rename!('f', root, 'sub', false);
    expect([nlink(q), nlink(root)]).toEqual([2, 5]);
  });

  it('exchange of two directories keeps both parents counts', () => {
    const { root, dir, nlink } = setup();
    const p = dir(root, 'p');
    const q = dir(root, 'q');
    const x = dir(p, 'x');
    const y = dir(q, 'y');
    dir(y, 'inner');
    p.rename!('x', q, 'y', true);
    expect(p.lookup!('x', user)).toBe(y);
    expect(q.lookup!('y', user)).toBe(x);
    expect([nlink(p), nlink(q), nlink(x), nlink(y)]).toEqual([3, 3, 2, 3]);
    // y now lives under p: moving p into y must be refused.
    expect(() => root.rename!('p', y, 'loop', false)).toThrow(E.EINVAL);
  });
});
