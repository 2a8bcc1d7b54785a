// Smoke test of the xz-utils port in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

describe('xz-utils port', () => {
  it('compresses and decompresses (levels, threads, -k, -c, -t, -l, xzcat, unxz, lzma, xzdec, xzgrep, xzdiff), reports corrupt input', async () => {
    const script = [
      'cd /tmp && mkdir xzt && cd xzt',
      'seq 1 20000 > data',
      'xz -k data; echo "k:$?"; ls data*',
      'xz -t data.xz; echo "t:$?"',
      '[ "$(xz -dc data.xz | cksum)" = "$(cksum < data)" ] && echo same',
      // xz's output is a function of the input and the options alone: the checksums are those of
      // Debian's xz (5.4.1) on the same input
      'for l in 0 1 6; do echo "-$l $(xz -$l -c data | cksum)"; done',
      'xz -l data.xz',
      // two threads, each compressing 20 KiB blocks; the threaded decoder reads them back
      'xz -T2 --block-size=20KiB -c data > mt.xz; echo "T2:$? $(cksum < mt.xz)"',
      'xz -l mt.xz',
      'xz -T2 -dc mt.xz | cksum',
      "xzcat data.xz | sed -n '19999,$p'",
      'xz data 2>&1; echo "exists:$?"',
      'rm data; unxz data.xz; echo "d:$?"; ls data*; wc -l < data',
      "printf 'hello\\nworld\\n' > hw; xz -k hw; xzcat hw.xz hw.xz",
      'xzgrep -n orl hw.xz; echo "grep:$?"',
      'xzgrep -c nothere hw.xz; echo "grep:$?"',
      'lzma -k hw; echo "lzma:$? $(cksum < hw.lzma)"; lzcat hw.lzma; unlzma -c hw.lzma; xz -dc hw.lzma',
      'xzdec hw.xz; lzmadec hw.lzma; xzdec hw.lzma 2>&1; echo "xzdec:$?"',
      'xzdiff hw.xz hw; echo "diff:$?"',
      'xz -c -F raw --lzma1=preset=1 hw | xz -dc -F raw --lzma1=preset=1',
      "printf 'not xz data\\n' > junk.xz; xz -t junk.xz 2>&1; echo \"junk:$?\"",
      'xz -k data; head -c 100 data.xz > cut.xz; xz -t cut.xz 2>&1; echo "cut:$?"',
      'cp data.xz bad.xz; printf X | dd of=bad.xz bs=1 seek=3000 conv=notrunc 2>/dev/null; xz -dc bad.xz 2>&1 >/dev/null; echo "bad:$?"',
      'xz -d missing.xz 2>&1; echo "missing:$?"',
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin\n${script}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'k:0',
        'data',
        'data.xz',
        't:0',
        'same',
        '-0 389244128 6288',
        '-1 3002166845 6704',
        '-6 3716217912 4948',
        'Strms  Blocks   Compressed Uncompressed  Ratio  Check   Filename',
        '    1       1       4948 B    106.3 KiB  0.045  CRC64   data.xz',
        'T2:0 3092723908 7072',
        'Strms  Blocks   Compressed Uncompressed  Ratio  Check   Filename',
        '    1       6       7072 B    106.3 KiB  0.065  CRC64   mt.xz',
        '3231941463 108894',
        '19999',
        '20000',
        'xz: data.xz: File exists',
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
        'lzma:0 3820852929 35',
        ...Array(5).fill(['hello', 'world']).flat(), // lzcat, unlzma, xz -d, xzdec, lzmadec
        'xzdec: hw.lzma: File format not recognized',
        'xzdec:1',
        'diff:0',
        'hello',
        'world',
        'xz: junk.xz: File format not recognized',
        'junk:1',
        'xz: cut.xz: Unexpected end of input',
        'cut:1',
        'xz: bad.xz: Compressed data is corrupt',
        'bad:1',
        'xz: missing.xz: No such file or directory',
        'missing:1',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});
