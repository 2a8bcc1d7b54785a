// Smoke test of the sed port in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

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
