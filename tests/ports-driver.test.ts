// The ports driver's own pieces: the build lock and the test-suite result collection.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM driver
import { withLock } from '../ports/lib/build-lock.mjs';
// @ts-expect-error plain ESM driver
import { automakeResults, collectResults, summarize } from '../ports/lib/check-port.mjs';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const scratch = () => (dir = mkdtempSync(join(tmpdir(), 'kandelo-driver-')));

describe('withLock', () => {
  it('runs holders one at a time', async () => {
    const lock = join(scratch(), 'p.lock');
    const events: string[] = [];
    const holder = (id: string) =>
      withLock(lock, async () => {
        events.push(`in ${id}`);
        await new Promise((r) => setTimeout(r, 300));
        events.push(`out ${id}`);
        return id;
      });
    expect(await Promise.all([holder('a'), holder('b')])).toEqual(['a', 'b']);
    expect(events).toEqual(['in a', 'out a', 'in b', 'out b']);
  });

  it('takes over a lock whose owner is gone', async () => {
    const lock = join(scratch(), 'p.lock');
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), '999999999'); // no such process
    expect(await withLock(lock, async () => 'mine')).toBe('mine');
  });
});

describe('automakeResults', () => {
  it('reads every .trs written since the run began, TAP files with several results included', () => {
    const root = scratch();
    mkdirSync(join(root, 'tests/sub'), { recursive: true });
    writeFileSync(join(root, 'tests/a.trs'), ':test-result: PASS\n:global-test-result: PASS\n');
    writeFileSync(join(root, 'tests/sub/b.trs'), ':test-result: SKIP\n');
    writeFileSync(join(root, 'tests/c.trs'), ':test-result: PASS\n:test-result: FAIL\n');
    writeFileSync(join(root, 'tests/old.trs'), ':test-result: FAIL\n');
    utimesSync(join(root, 'tests/old.trs'), 1000, 1000); // from an earlier run
    const rows = automakeResults(root, 2_000_000);
    expect(rows).toEqual([
      { test: 'tests/a', result: 'PASS' },
      { test: 'tests/c', result: 'PASS' },
      { test: 'tests/c', result: 'FAIL' },
      { test: 'tests/sub/b', result: 'SKIP' },
    ]);
    const s = summarize(rows);
    expect(s.counts).toMatchObject({ PASS: 2, FAIL: 1, SKIP: 1 });
    expect(s.passRate).toBeCloseTo(2 / 3);
  });
});

describe('collectResults', () => {
  it('takes a test under two of the dirs once (the top dir walk finds gnulib-tests/ too)', () => {
    const root = scratch();
    mkdirSync(join(root, 'testsuite'), { recursive: true });
    mkdirSync(join(root, 'gnulib-tests'), { recursive: true });
    writeFileSync(join(root, 'testsuite/a.trs'), ':test-result: PASS\n');
    writeFileSync(join(root, 'gnulib-tests/test-b.trs'), ':test-result: SKIP\n');
    expect(collectResults(root, ['.', 'gnulib-tests'], 0)).toEqual([
      { test: 'gnulib-tests/test-b', result: 'SKIP' },
      { test: 'testsuite/a', result: 'PASS' },
    ]);
    expect(collectResults(root, ['gnulib-tests'], 0)).toEqual([{ test: 'gnulib-tests/test-b', result: 'SKIP' }]);
  });
});
