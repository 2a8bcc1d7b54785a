// Smoke test of the bc port (bc and dc) in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

describe('bc port', () => {
  it('computes with bc: the math library (-l), scale, big numbers, functions, bases; and with dc', async () => {
    const script = [
      'export PATH=/usr/bin:/bin',
      // The math library is libmath.b's bytecode, generated at build time by fbc run in the kernel.
      "echo 'scale=20; 4*a(1)' | bc -l",
      "echo 's(1); c(0); e(1); l(10); sqrt(2)' | bc -l",
      "echo 'scale=5; 1/3; 7%3; scale=0; 2^200' | bc",
      "echo '123456789012345678901234567890 * 987654321098765432109876543210' | bc",
      "cat > /tmp/fact.bc <<'EOF'",
      'define f(n) {',
      '  if (n < 2) return 1',
      '  return n * f(n - 1)',
      '}',
      'f(30)',
      'obase=16',
      '255',
      'quit',
      'EOF',
      'bc -q /tmp/fact.bc',
      "echo '1 /' | bc 2>&1",
      // dc: 2 k sets the precision; P prints a string without a newline; o the output base.
      "echo '10 3 / p 2 k 10 3 / p 2 64 ^ p [abc]P 16 o 255 p' | dc",
      "dc -e '1 2 + 3 * p' -e '2 v p'",
      'bc --version | head -n 1; dc --version | head -n 1',
    ].join('\n');
    const r = await sh(script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '3.14159265358979323844',
        '.84147098480789650665',
        '1.00000000000000000000',
        '2.71828182845904523536',
        '2.30258509299404568401',
        '1.41421356237309504880',
        '.33333',
        '.00001', // % keeps scale digits: 7 - 3 * 2.33333

        '1606938044258990275541962092341162602522202993782792835301376',
        '121932631137021795226185032733622923332237463801111263526900',
        '265252859812191058636308480000000',
        'FF',
        '(standard_in) 2: syntax error',
        '3',
        '3.33',
        '18446744073709551616',
        'abcFF',
        '9',
        '1',
        'bc 1.07.1',
        'dc (GNU bc 1.07.1) 1.4.1',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});
