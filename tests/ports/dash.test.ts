// Smoke test of the dash port in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { dash, image } from './ports.js';
import { kandelo } from '../lib/run.js';

describe('dash port', () => {
  it('runs a script covering pipelines, substitution, subshells, functions and exec', async () => {
    const script = [
      `echo a b c | /bin/sh -c 'read x y; echo "$y"'`,
      'v=$(echo inner); echo "cs:$v:$(echo nested $(echo deep))"',
      '(exit 3); echo "sub:$?"',
      'for i in 1 2 3; do printf "%s," "$i"; done; echo',
      'f() { echo "fn:$1:$#"; return 4; }; f x y; echo "ret:$?"',
      'echo "math:$(( (6 * 7) % 10 + 1 ))"',
      'echo saved > /tmp/out.txt; echo more >> /tmp/out.txt; while read l; do echo "got:$l"; done < /tmp/out.txt',
      'cd /etc && pwd',
      `exec /bin/sh -c 'echo "exec:$0"; exit 5'`,
      'echo not reached',
    ].join('\n');
    const r = await kandelo(['run', '--root', image, dash, '-c', script]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(['b c', 'cs:inner:nested deep', 'sub:3', '1,2,3,', 'fn:x:2', 'ret:4', 'math:3', 'got:saved', 'got:more', '/etc', 'exec:/bin/sh', ''].join('\n'));
    expect(r.code).toBe(5);
  });

  it('runs the times builtin (a signature mismatch in its table entry trapped before)', async () => {
    const r = await kandelo(['run', '--root', image, dash, '-c', '(times) | sed -n "s/[0-9][0-9.]*/N/g; p"']);
    expect(r.stdout).toBe('NmNs NmNs\nNmNs NmNs\n');
    expect(r.code).toBe(0);
  });

  it('is /bin/sh in the image', async () => {
    const r = await kandelo(['run', '--root', image, dash, '-c', 'test -x /bin/dash && test -L /bin/sh && echo "$(/bin/sh -c "echo \\$((1+1))")"']);
    expect(r.stdout).toBe('2\n');
    expect(r.code).toBe(0);
  });
});
