import { describe, expect, it } from 'vitest';
import { buildImage } from './build-image.js';
import { fnv1a64 } from './fnv.js';
import { H, HEADER_SIZE, imageChecksum } from './format.js';
import type { ImageTree, ImageTreeFile } from './image-tree.js';

const te = new TextEncoder();

function tree(): ImageTree {
  const shared: ImageTreeFile = { kind: 'file', data: 'same inode' };
  return {
    kind: 'dir',
    mtimeNs: 5n,
    entries: {
      etc: { kind: 'dir', entries: { passwd: { kind: 'file', data: 'root:x:0:0::/root:/bin/sh\n', mode: 0o600 } } },
      bin: { kind: 'dir', entries: new Map([['a', shared], ['b', shared]]) },
      dup1: { kind: 'file', data: 'same content' },
      dup2: { kind: 'file', data: te.encode('same content') },
    },
  };
}

describe('fnv1a64', () => {
  it('matches the reference vectors', () => {
    expect(fnv1a64(new Uint8Array())).toBe(0xcbf29ce484222325n);
    expect(fnv1a64(te.encode('a'))).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64(te.encode('foobar'))).toBe(0x85944171f73967e8n);
  });
});

describe('buildImage', () => {
  it('is deterministic: equal trees (whatever their entry order) give identical bytes', () => {
    const a = buildImage(tree());
    const t = tree();
    const reordered: ImageTree = { ...t, entries: Object.fromEntries(Object.entries(t.entries).reverse()) };
    expect(buildImage(reordered)).toEqual(a);
    expect(buildImage(tree())).toEqual(a);
  });

  it('stores the checksum of everything but itself', () => {
    const img = buildImage(tree());
    const v = new DataView(img.buffer);
    expect(v.getBigUint64(H.CHECKSUM, true)).toBe(imageChecksum(img, img.length));
    expect(v.getUint32(H.TOTAL_SIZE, true)).toBe(img.length);
    expect(new TextDecoder().decode(img.subarray(0, 8))).toBe('KNDLIMG1');
    expect(img.length).toBeGreaterThan(HEADER_SIZE);
  });

  it('stores identical contents once', () => {
    const one = buildImage({ kind: 'dir', entries: { x: { kind: 'file', data: 'z'.repeat(1000) } } });
    const two = buildImage({ kind: 'dir', entries: { x: { kind: 'file', data: 'z'.repeat(1000) }, y: { kind: 'file', data: 'z'.repeat(1000) } } });
    expect(two.length - one.length).toBeLessThan(100);
  });

  it('rejects trees it cannot represent', () => {
    const sub: ImageTree = { kind: 'dir', entries: {} };
    expect(() => buildImage({ kind: 'dir', entries: { a: sub, b: sub } })).toThrow(/only once/);
    expect(() => buildImage({ kind: 'dir', entries: { 'a/b': { kind: 'file', data: '' } } })).toThrow(/invalid entry name/);
    expect(() => buildImage({ kind: 'dir', entries: { '..': { kind: 'file', data: '' } } })).toThrow(/invalid entry name/);
    expect(() => buildImage({ kind: 'dir', entries: { ['x'.repeat(256)]: { kind: 'file', data: '' } } })).toThrow(/invalid entry name/);
    expect(() => buildImage({ kind: 'dir', entries: { l: { kind: 'symlink', target: '' } } })).toThrow(/symlink target/);
    expect(() => buildImage({ kind: 'dir', entries: { f: { kind: 'file', data: '', mode: 0o40755 } } })).toThrow(/bad mode/);
    expect(() => buildImage({ kind: 'dir', entries: { f: { kind: 'file', data: '', uid: -1 } } })).toThrow(/uid/);
    expect(() => buildImage({ kind: 'file', data: '' } as never)).toThrow(/root must be a directory/);
  });
});
