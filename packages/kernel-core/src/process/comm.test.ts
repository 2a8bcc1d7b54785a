import { describe, expect, it } from 'vitest';
import { commOf } from './comm.js';
import { Process } from './process.js';
import { Thread } from './thread.js';

const runAgain = () => {};

describe('commOf', () => {
  it('is the basename of the executable, cut to 15 bytes (not characters)', () => {
    const p = new Process(3, 0n);
    p.exe = '/usr/bin/a-very-long-program-name';
    expect(commOf(p)).toBe('a-very-long-pro');
    p.exe = '/bin/ééééééééé'; // 18 bytes: 7 whole characters and half of the 8th
    expect(new TextEncoder().encode(commOf(p).replace(/[\ud800-\udfff]/g, 'x')).length).toBe(15);
    p.exe = '';
    p.argv = ['/bin/sh'];
    expect(commOf(p)).toBe('sh');
  });

  it("is the name a thread was given; the process's is its main thread's", () => {
    const p = new Process(3, 0n);
    p.exe = '/bin/prog';
    const main = new Thread(3, p, 0, { runAgain });
    const other = new Thread(4, p, 256, { runAgain });
    p.threads.set(3, main);
    p.threads.set(4, other);
    other.comm = 'worker';
    expect(commOf(p)).toBe('prog');
    expect(commOf(p, other)).toBe('worker');
    main.comm = 'renamed';
    expect(commOf(p)).toBe('renamed');
  });
});
