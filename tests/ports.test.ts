// Smoke test of the ports: builds dash, sed and grep through the ports driver (cached by content
// hash), makes a rootfs image holding them, and runs scripts in that image with the staged dash.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM driver shared with scripts/ports.mjs
import { buildPort, buildRootfs } from '../ports/lib/index.mjs';
import { kandelo } from './lib/run.js';

let dash: string;
let image: string;

beforeAll(async () => {
  const ports = [];
  for (const name of ['dash', 'sed', 'grep']) ports.push(await buildPort(name));
  dash = join(ports[0].root, 'bin/dash');
  image = buildRootfs(ports);
});

/** Runs `script` with the staged dash in the image. */
const sh = (script: string) => kandelo(['run', '--root', image, dash, '-c', script]);

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

  it('is /bin/sh in the image', async () => {
    const r = await kandelo(['run', '--root', image, dash, '-c', 'test -x /bin/dash && test -L /bin/sh && echo "$(/bin/sh -c "echo \\$((1+1))")"']);
    expect(r.stdout).toBe('2\n');
    expect(r.code).toBe(0);
  });
});

describe('grep port', () => {
  it('matches with line numbers, counts, extended regexps and inverted matches', async () => {
    const script = [
      'printf "a1\\nb2\\nc3\\n" | /bin/grep -n b',
      'printf "a1\\nb2\\nab3\\n" | /bin/grep -c a',
      'printf "cat\\ndog\\ncow\\n" | /bin/grep -E "^(d|co)[a-z]+$"',
      'printf "x\\ny\\n" | /bin/grep -v x',
      'printf "Hello\\n" | /bin/grep -i hello',
      'printf "a\\n" | /bin/grep z; echo "nomatch:$?"',
    ].join('\n');
    const r = await sh(script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(['2:b2', '2', 'dog', 'cow', 'y', 'Hello', 'nomatch:1', ''].join('\n'));
    expect(r.code).toBe(0);
  });
});

describe('sed port', () => {
  it('substitutes, prints selected lines and edits a file in place', async () => {
    const script = [
      "echo hello world | /bin/sed -e s/world/there/ -e 's/^h/H/'",
      'printf "one\\ntwo\\nthree\\n" | /bin/sed -n 2p',
      'printf "keep\\ndrop\\nkeep\\n" | /bin/sed /drop/d',
      "echo abc | /bin/sed -E 's/(a)(b)/\\2\\1/'",
      'printf "red\\ngreen\\nblue\\n" > /tmp/colors.txt',
      "/bin/sed -i 's/green/GREEN/; 3a\\\nviolet' /tmp/colors.txt",
      'while read l; do echo "file:$l"; done < /tmp/colors.txt',
      "printf 'k1=v1\\nk2=v2\\nk3=v3\\n' | /bin/sed 's/=/ /' | /bin/grep -E 'k[13]' | /bin/sed -n '$p'",
    ].join('\n');
    const r = await sh(script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      ['Hello there', 'two', 'keep', 'keep', 'bac', 'file:red', 'file:GREEN', 'file:blue', 'file:violet', 'k3 v3', ''].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});
