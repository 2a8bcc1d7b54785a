// Smoke test of the gzip port in the image of every port (see global-setup.ts); zgrep runs the
// grep port.
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

describe('gzip port', () => {
  it('compresses and decompresses, lists, tests, concatenates members, rejects corrupt input; zgrep', async () => {
    const script = [
      'cd /tmp && mkdir gz && cd gz',
      // the same bytes as a native gzip 1.12 (-n: no name or time stamp in the header)
      "printf 'hello hello hello\\n' | gzip -9 -n | od -An -tx1",
      'seq 20000 > s',
      'gzip -c s | gzip -d | cksum',
      'gzip -k -9 s && ls',
      'gzip -l s.gz',
      'gzip -t s.gz; echo "t:$?"',
      "zgrep -c '^1999' s.gz",
      // gzip gives the .gz the file's time stamp, gunzip gives it back
      'touch -d @1000000000 s && rm s.gz && gzip s && ls && gunzip s.gz && ls && stat -c %Y s',
      "printf 'one\\n' | gzip > m.gz; printf 'two\\n' | gzip -1 >> m.gz; zcat m.gz",
      'zgrep -n two m.gz s; echo "zgrep:$?"',
      "printf 'garbage\\n' > bad.gz; gzip -d bad.gz 2>&1; echo \"bad:$?\"",
      // a flipped byte in the deflate stream
      "gzip -c s > s.gz; printf '\\001' | dd of=s.gz bs=1 seek=100 conv=notrunc 2>/dev/null; gzip -t s.gz 2>&1; echo \"crc:$?\"",
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin\n${script}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        ' 1f 8b 08 00 00 00 00 00 02 03 cb 48 cd c9 c9 57',
        ' c8 40 90 5c 00 3b 7c 8a df 12 00 00 00',
        '3231941463 108894',
        's',
        's.gz',
        '         compressed        uncompressed  ratio uncompressed_name',
        '              45006              108894  58.7% s',
        't:0',
        '11',
        's.gz',
        's',
        '1000000000',
        'one',
        'two',
        'm.gz:2:two',
        'zgrep:0',
        '',
        'gzip: bad.gz: not in gzip format',
        'bad:1',
        '',
        'gzip: s.gz: invalid compressed data--crc error',
        '',
        'gzip: s.gz: invalid compressed data--length error',
        'crc:1',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});
