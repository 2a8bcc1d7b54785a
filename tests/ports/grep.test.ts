// Smoke test of the grep port in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

describe('grep port', () => {
  it('matches with line numbers, counts, extended regexps and inverted matches', async () => {
    const script = [
      'printf "a1\\nb2\\nc3\\n" | /bin/grep -n b',
      'printf "a1\\nb2\\nab3\\n" | /bin/grep -c a',
      'printf "cat\\ndog\\ncow\\n" | /bin/grep -E "^(d|co)[a-z]+$"',
      'printf "x\\ny\\n" | /bin/grep -v x',
      'printf "Hello\\n" | /bin/grep -i hello',
      'printf "a\\n" | /bin/grep z; echo "nomatch:$?"',
      'printf "ab\\na+b\\n" | egrep "a+b"; printf "ab\\na+b\\n" | fgrep "a+b"',
    ].join('\n');
    const r = await sh(script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(['2:b2', '2', 'dog', 'cow', 'y', 'Hello', 'nomatch:1', 'ab', 'a+b', ''].join('\n'));
    expect(r.code).toBe(0);
  });
});
