// Smoke test of the diffutils port in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

describe('diffutils port', () => {
  it('diffs files and trees (exit 1 on differences), compares bytes, merges three ways', async () => {
    const script = [
      'cd /tmp && mkdir d && cd d',
      "printf 'a\\nb\\nc\\n' > one; printf 'a\\nB\\nc\\nd\\n' > two; printf 'a\\nb\\nc\\nd\\n' > three",
      'diff -u --label old --label new one two; echo "diff:$?"',
      'diff one two; echo "diff:$?"',
      'diff one one; echo "same:$?"',
      // the POSIX locale's wording ("char"); outside it cmp says "byte"
      'LC_ALL=C cmp one two; echo "cmp:$?"; cmp -s one one; echo "cmp:$?"',
      'diff3 -m two one three; echo "diff3:$?"',
      'sdiff -w 21 one two; echo "sdiff:$?"',
      'mkdir d1 d2 && cp one d1/x && cp two d2/x && cp one d1/y',
      'diff -r d1 d2; echo "diff:$?"',
      'diff one /nonexistent 2>/dev/null; echo "diff:$?"',
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin\n${script}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '--- old',
        '+++ new',
        '@@ -1,3 +1,4 @@',
        ' a',
        '-b',
        '+B',
        ' c',
        '+d',
        'diff:1',
        '2c2',
        '< b',
        '---',
        '> B',
        '3a4',
        '> d',
        'diff:1',
        'same:0',
        'one two differ: char 3, line 2',
        'cmp:1',
        'cmp:0',
        'a',
        'B',
        'c',
        '<<<<<<< one',
        '=======',
        'd',
        '>>>>>>> three',
        'diff3:1',
        'a\t\ta',
        'b\t  |\tB',
        'c\t\tc',
        '\t  >\td',
        'sdiff:1',
        'diff -r d1/x d2/x',
        '2c2',
        '< b',
        '---',
        '> B',
        '3a4',
        '> d',
        'Only in d1: y',
        'diff:1',
        'diff:2',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});
