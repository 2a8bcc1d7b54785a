import { readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SchedstatReader } from './schedstat.js';

const linux = process.platform === 'linux';

describe('SchedstatReader', () => {
  it.runIf(linux)("reads a thread's CPU time again and again through one descriptor, and it grows", () => {
    const r = new SchedstatReader();
    const path = `/proc/self/task/${readlinkSync('/proc/thread-self').split('/').pop()}/schedstat`;
    const a = r.read(path)!;
    let x = 0;
    for (let i = 0; i < 5e6; i++) x += i % 7;
    const b = r.read(path)!;
    expect(x).toBeGreaterThan(0);
    expect(typeof a).toBe('bigint');
    expect(b).toBeGreaterThan(a);
  });

  it('answers undefined for a thread that does not exist, and keeps no descriptor for it', () => {
    const r = new SchedstatReader();
    expect(r.read('/proc/self/task/999999999/schedstat')).toBeUndefined();
    expect((r as unknown as { fds: Map<string, number> }).fds.size).toBe(0);
  });

  it.runIf(linux)('keeps at most maxOpen descriptors', () => {
    const r = new SchedstatReader(1);
    const self = '/proc/thread-self/schedstat';
    const proc = '/proc/self/schedstat';
    expect(r.read(self)).toBeDefined();
    expect(r.read(proc)).toBeDefined();
    expect([...(r as unknown as { fds: Map<string, number> }).fds.keys()]).toEqual([proc]);
  });
});
