// Smoke test of the make port in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

const makefile = [
  'include config.mk',
  'INS := $(sort $(wildcard *.in))',
  'OUTS := $(INS:.in=.out)',
  'KERNEL := $(shell uname -s)',
  'COUNT = $(words $(OUTS))',
  'export FROMTOP = exported',
  '.PHONY: all par sub fail',
  'all: joined.txt',
  '\t@echo "$(GREETING); $(COUNT) outputs; $(KERNEL)"',
  '%.out: %.in',
  '\t@echo "pattern: $< -> $@ (stem $*)"; tr a-z A-Z < $< > $@',
  'joined.txt: $(OUTS)',
  '\t@echo "joined: $@ from $^ (newer: $?)"; cat $^ > $@',
  // Each side of the fifo blocks until the other opens it: only two jobs at once get through.
  'par: reader writer',
  'reader:',
  '\t@read x < fifo; echo "reader got $$x"',
  'writer:',
  '\t@echo parallel > fifo',
  'sub:',
  '\t@$(MAKE) -C sub --no-print-directory',
  'fail:',
  '\t@echo before; exit 3',
  '\t@echo not reached',
].join('\n');

describe('make port', () => {
  it('runs recipes: pattern rules, automatic variables, include, $(shell), -j2, recursion and errors', async () => {
    const script = [
      'export PATH=/usr/bin:/bin',
      'mkdir -p /tmp/mk/sub && cd /tmp/mk',
      "printf 'one\\n' > a.in; printf 'two\\n' > b.in",
      "echo 'GREETING = hello from include' > config.mk",
      "printf 'all:\\n\\t@echo \"sub: level $(MAKELEVEL), $(FROMTOP)\"\\n' > sub/Makefile",
      `cat > Makefile <<'EOF'\n${makefile}\nEOF`,
      'make; echo "rc=$?"',
      'cat joined.txt',
      'make; echo "rc=$?"',
      'touch b.in; make; echo "rc=$?"',
      'mkfifo fifo; make -j2 par; echo "rc=$?"',
      'make -j2 sub; echo "rc=$?"',
      'make fail 2>&1; echo "rc=$?"',
      'make nosuch 2>&1; echo "rc=$?"',
      'make --version | head -n 1',
    ].join('\n');
    const r = await sh(script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'pattern: a.in -> a.out (stem a)',
        'pattern: b.in -> b.out (stem b)',
        'joined: joined.txt from a.out b.out (newer: a.out b.out)',
        'hello from include; 2 outputs; Linux',
        'rc=0',
        'ONE',
        'TWO',
        'hello from include; 2 outputs; Linux',
        'rc=0',
        'pattern: b.in -> b.out (stem b)',
        'joined: joined.txt from a.out b.out (newer: b.out)',
        'hello from include; 2 outputs; Linux',
        'rc=0',
        'reader got parallel',
        'rc=0',
        'sub: level 1, exported',
        'rc=0',
        'before',
        'make: *** [Makefile:22: fail] Error 3',
        'rc=2',
        "make: *** No rule to make target 'nosuch'.  Stop.",
        'rc=2',
        'GNU Make 4.3',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});
