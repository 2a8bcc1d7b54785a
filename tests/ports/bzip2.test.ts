// Smoke test of the bzip2 port in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

describe('bzip2 port', () => {
  it('compresses and decompresses (levels, -k, -c, -t, bunzip2, bzcat, bzgrep), reports corrupt input, recovers blocks', async () => {
    const script = [
      'cd /tmp && mkdir bz && cd bz',
      'seq 1 20000 > data',
      'bzip2 -k data; echo "k:$?"; ls data*',
      'bzip2 -t data.bz2; echo "t:$?"',
      '[ "$(bzip2 -dc data.bz2 | cksum)" = "$(cksum < data)" ] && echo same',
      // bzip2's output is a function of the input and the block size alone: the checksums are
      // those of Debian's bzip2 (1.0.8) on the same input
      'for l in 1 5 9; do echo "-$l $(bzip2 -$l -c data | cksum)"; done',
      "bzcat data.bz2 | sed -n '19999,$p'",
      'bzip2 data 2>&1; echo "exists:$?"',
      'rm data; bunzip2 data.bz2; echo "d:$?"; ls data*; wc -l < data',
      "printf 'hello\\nworld\\n' | bzip2 -c > hw.bz2; bzip2 -dc hw.bz2 hw.bz2",
      'bzgrep -n orl hw.bz2; echo "grep:$?"',
      'bzgrep -c nothere hw.bz2; echo "grep:$?"',
      "printf 'not bzip2 data\\n' > junk.bz2; bzip2 -t junk.bz2 2>&1; echo \"junk:$?\"",
      // -1: two blocks of 100k; one byte of the second one overwritten
      'bzip2 -1 -c data > bad.bz2; printf X | dd of=bad.bz2 bs=1 seek=24500 conv=notrunc 2>/dev/null',
      'bzip2 -t bad.bz2 2>&1; echo "bad:$?"',
      'bzip2recover bad.bz2 2>&1; echo "recover:$?"; bzcat rec00001bad.bz2 | wc -c',
      'bzip2 -d missing.bz2 2>&1; echo "missing:$?"',
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin\n${script}`);
    expect(r.stderr).toBe('');
    const recoverHint = ['', "You can use the `bzip2recover' program to attempt to recover", 'data from undamaged sections of corrupted files.', ''];
    expect(r.stdout).toBe(
      [
        'k:0',
        'data',
        'data.bz2',
        't:0',
        'same',
        '-1 938994071 25483',
        '-5 2662737040 25147',
        '-9 1858132936 25147',
        '19999',
        '20000',
        'bzip2: Output file data.bz2 already exists.',
        'exists:1',
        'd:0',
        'data',
        '20000',
        'hello',
        'world',
        'hello',
        'world',
        '2:world',
        'grep:0',
        '0',
        'grep:1',
        'bzip2: junk.bz2: bad magic number (file not created by bzip2)',
        ...recoverHint,
        'junk:2',
        'bzip2: bad.bz2: data integrity (CRC) error in data',
        ...recoverHint,
        'bad:2',
        'bzip2recover 1.0.8: extracts blocks from damaged .bz2 files.',
        'bzip2recover: searching for block boundaries ...',
        '   block 1 runs from 80 to 192580',
        '   block 2 runs from 192629 to 203779',
        'bzip2recover: splitting into blocks',
        "   writing block 1 to `rec00001bad.bz2' ...",
        "   writing block 2 to `rec00002bad.bz2' ...",
        'bzip2recover: finished',
        'recover:0',
        '99956',
        "bzip2: Can't open input file missing.bz2: No such file or directory.",
        'missing:1',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});
