import { describe, expect, it } from 'vitest';
import { E } from '@kandelo/kernel-core';
import { normalizePath, splitPath } from './path.js';

describe('normalizePath', () => {
  it('resolves relative paths against the base', () => {
    expect(normalizePath('/home/u', 'a/b')).toBe('/home/u/a/b');
    expect(normalizePath('/home/u', '../x')).toBe('/home/x');
    expect(normalizePath('/', '/a//b/./c/')).toBe('/a/b/c');
    expect(normalizePath('/a', '../../..')).toBe('/');
  });
  it('rejects empty and overlong paths', () => {
    expect(() => normalizePath('/', '')).toThrow(E.ENOENT as never);
    expect(() => normalizePath('/', 'x'.repeat(300))).toThrow(E.ENAMETOOLONG as never);
  });
  it('splits', () => {
    expect(splitPath('/a/b')).toEqual(['/a', 'b']);
    expect(splitPath('/a')).toEqual(['/', 'a']);
  });
});
