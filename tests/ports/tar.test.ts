// Smoke test of the tar port in the image of every port (see global-setup.ts): tar runs the gzip
// port as a child process for -z (and when it detects a compressed archive), diffutils compares
// the extracted tree.
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

describe('tar port', () => {
  it('archives a tree through gzip and back with modes, times and a symlink; rmt serves a file', async () => {
    const script = [
      'cd /tmp && mkdir t && cd t',
      "mkdir -p src/sub && printf 'hello\\n' > src/a.txt && printf 'deep\\n' > src/sub/b.txt && ln -s a.txt src/link",
      'chmod 640 src/a.txt && chmod 700 src/sub && chmod 755 src/sub/b.txt',
      'touch -h -d @1000000000 src/link src/a.txt src/sub/b.txt src/sub src',
      'tar czf out.tgz src; echo "czf:$?"',
      'gzip -t out.tgz; echo "gzip -t:$?"',
      // no -z: tar sees gzip's magic and runs gzip -d itself; sorted by name (the order is readdir's)
      'tar tvf out.tgz | sort -k6',
      'mkdir dst && tar xzf out.tgz -C dst; echo "xzf:$?"',
      'diff -r src dst/src; echo "diff:$?"',
      "stat -c '%A %Y %n' dst/src dst/src/a.txt dst/src/link dst/src/sub dst/src/sub/b.txt",
      'readlink dst/src/link',
      'tar xzOf out.tgz src/sub/b.txt',
      'mkdir dst2 && tar cf - -C src . | tar xf - -C dst2 && cmp src/sub/b.txt dst2/sub/b.txt; echo "pipe:$?"',
      'tar rf plain.tar -C src a.txt && tar rf plain.tar -C src sub && tar tf plain.tar',
      'tar xf missing.tar 2>&1; echo "missing:$?"',
      // rmt's protocol on stdin: open (O_WRONLY|O_CREAT|O_TRUNC), write 6 bytes, close; then read
      // them back; then a failed open
      "printf 'O/tmp/t/r.bin\\n577\\nW6\\nhello\\nC\\n' | /usr/sbin/rmt; echo \"rmt:$?\"",
      "printf 'O/tmp/t/r.bin\\n0\\nR100\\nC\\n' | /usr/sbin/rmt",
      "printf 'O/tmp/t/nonexistent\\n0\\n' | /usr/sbin/rmt",
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin TZ=UTC\n${script}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'czf:0',
        'gzip -t:0',
        'drwxr-xr-x root/root         0 2001-09-09 01:46 src/',
        '-rw-r----- root/root         6 2001-09-09 01:46 src/a.txt',
        'lrwxrwxrwx root/root         0 2001-09-09 01:46 src/link -> a.txt',
        'drwx------ root/root         0 2001-09-09 01:46 src/sub/',
        '-rwxr-xr-x root/root         5 2001-09-09 01:46 src/sub/b.txt',
        'xzf:0',
        'diff:0',
        'drwxr-xr-x 1000000000 dst/src',
        '-rw-r----- 1000000000 dst/src/a.txt',
        'lrwxrwxrwx 1000000000 dst/src/link',
        'drwx------ 1000000000 dst/src/sub',
        '-rwxr-xr-x 1000000000 dst/src/sub/b.txt',
        'a.txt',
        'deep',
        'pipe:0',
        'a.txt',
        'sub/',
        'sub/b.txt',
        'tar: missing.tar: Cannot open: No such file or directory',
        'tar: Error is not recoverable: exiting now',
        'missing:2',
        'A0',
        'A6',
        'A0',
        'rmt:0',
        'A0',
        'A6',
        'hello',
        'A0',
        'E2',
        'No such file or directory',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});
