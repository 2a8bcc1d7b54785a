// Smoke test of the zlib port: zlib installs only the library (libz.a, the headers, zlib.pc), so
// this runs zlib's own test programs, example and minigzip (and their -D_FILE_OFFSET_BITS=64
// builds), from the port's kept build tree, mounted read-only in the image of every port (see
// global-setup.ts). Their checks are the ones `make test` runs, and minigzip's output is compared
// with that of the same programs built natively.
import { describe, expect, it } from 'vitest';
import { kandelo } from '../lib/run.js';
// @ts-expect-error plain ESM driver shared with scripts/ports.mjs
import { buildPort } from '../../ports/lib/index.mjs';
import { dash, image } from './ports.js';

describe('zlib port', () => {
  it("runs zlib's example and minigzip: make test's checks, gzip streams at three levels, files", async () => {
    // Cached by the global setup (with KANDELO_PORTS naming zlib); built here otherwise.
    const { tree } = await buildPort('zlib', { rebuildTree: true });
    const script = [
      'cd /tmp',
      // make test (teststatic and test64)
      'for s in "" 64; do',
      '  if echo hello world | /zlib/minigzip$s | /zlib/minigzip$s -d && /zlib/example$s zt$s.gz; then',
      '    echo "*** zlib test$s OK ***"',
      '  fi',
      'done',
      // deflate's output is a function of the input and the level alone: the checksums are those of
      // the programs built natively from the same source
      'for l in 1 6 9; do echo "-$l $(seq 1 20000 | /zlib/minigzip -$l | cksum)"; done',
      'echo hello | /zlib/minigzip | od -An -tx1',
      'seq 1 20000 > f; /zlib/minigzip f; echo "z:$?"; ls f*',
      '/zlib/minigzip -d f.gz; echo "d:$?"; ls f*; wc -l < f',
      '/zlib/minigzip -d missing.gz 2>&1; echo "missing:$?"',
    ].join('\n');
    const r = await kandelo(['run', '--root', image, '--mount', `${tree}:/zlib:ro`, dash, '-c', `export PATH=/usr/bin:/bin\n${script}`]);
    expect(r.stderr).toBe('');
    const example = [
      'zlib version 1.2.13 = 0x12d0, compile flags = 0x95', // 32-bit uInt, uLong and pointers, 64-bit z_off_t
      'uncompress(): hello, hello!',
      'gzread(): hello, hello!',
      'gzgets() after gzseek:  hello!',
      'inflate(): hello, hello!',
      'large_inflate(): OK',
      'after inflateSync(): hello, hello!',
      'inflate with dictionary: hello, hello!',
    ];
    expect(r.stdout).toBe(
      [
        'hello world',
        ...example,
        '*** zlib test OK ***',
        'hello world',
        ...example,
        '*** zlib test64 OK ***',
        '-1 3496569783 38953',
        '-6 890367200 43771',
        '-9 3472899753 43771',
        ' 1f 8b 08 00 00 00 00 00 00 03 cb 48 cd c9 c9 e7',
        ' 02 00 20 30 3a 36 06 00 00 00',
        'z:0',
        'f.gz',
        'd:0',
        'f',
        '20000',
        "/zlib/minigzip: can't gzopen missing.gz",
        'missing:1',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});
