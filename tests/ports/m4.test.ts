// Smoke test of the m4 port in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

describe('m4 port', () => {
  it('expands macros, recursion, diversions and shell escapes, and exits with m4exit', async () => {
    const input = [
      "define(`NAME', `world')dnl",
      "define(`twice', `$1$1')dnl",
      "Hello NAME! twice(`ab')",
      "ifdef(`NAME', `defined', `undefined') ifdef(`NOPE', `defined', `undefined')",
      "eval(`2 ** 10 + 7 % 3') incr(41) len(`hello') substr(`hello', 1, 3) index(`hello', `ll')",
      "translit(`hello', `a-z', `A-Z')",
      "define(`forloop', `pushdef(`$1', `$2')_forloop($@)popdef(`$1')')dnl",
      "define(`_forloop', `$4`'ifelse($1, `$3', `', `define(`$1', incr($1))$0($@)')')dnl",
      "forloop(`i', `1', `5', `i,')",
      'divert(1)diverted',
      'divert(0)dnl',
      "syscmd(`echo from-sh')dnl",
      "esyscmd(`printf upper | tr a-z A-Z')",
      'sysval',
      'changequote([, ])dnl',
      'define([x], [[quoted]])x',
      'undivert(1)dnl',
      'm4exit(3)',
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin\ncat > /tmp/in.m4 <<'EOF'\n${input}\nEOF\nm4 /tmp/in.m4`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      ['Hello world! abab', 'defined undefined', '1025 42 5 ell 2', 'HELLO', '1,2,3,4,5,', 'from-sh', 'UPPER', '0', 'quoted', 'diverted', ''].join('\n'),
    );
    expect(r.code).toBe(3);
  });
});
