// Smoke test of the coreutils port in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

// dash's builtins (echo, printf, test, [, kill, pwd, true, false) shadow coreutils' programs of the
// same name, so those are run by path.
describe('coreutils port', () => {
  it('is one multi-call binary with a link per utility, in Debian places', async () => {
    const script = [
      'stat -c %N /bin/cat /bin/ls /usr/bin/wc /usr/bin/env /usr/bin/test /usr/bin/[ /usr/bin/install /usr/sbin/chroot',
      'ls -l /bin /usr/bin /usr/sbin | grep -c " -> .*coreutils$"',
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin:/usr/sbin\n${script}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        "'/bin/cat' -> '../usr/bin/coreutils'",
        "'/bin/ls' -> '../usr/bin/coreutils'",
        "'/usr/bin/wc' -> 'coreutils'",
        "'/usr/bin/env' -> 'coreutils'",
        "'/usr/bin/test' -> 'coreutils'",
        "'/usr/bin/[' -> 'coreutils'",
        "'/usr/bin/install' -> 'coreutils'",
        "'/usr/sbin/chroot' -> '../bin/coreutils'",
        '107', // every utility coreutils 9.1 builds on Linux but stdbuf (no shared libraries)
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });

  it('lists, copies, moves and removes files', async () => {
    const script = [
      'cd /tmp && mkdir -p w/a/b && cd w',
      "printf 'one\\ntwo\\nthree\\n' > a/f.txt",
      'ls a',
      'cat a/f.txt | wc -l; wc -c < a/f.txt',
      'cp a/f.txt a/g.txt && mv a/g.txt a/b/h.txt && mkdir -p a/b/c/d && ls a/b',
      'ln -s f.txt a/link && readlink a/link && cat a/link | head -n 1',
      'rm -r a/b a/link && ls a',
      "stat -c '%s %a %F %U' a/f.txt",
      "touch -d '2020-01-02 03:04:05 UTC' a/f.txt && stat -c %Y a/f.txt && ls -l --time-style=+%F a/f.txt",
      'cp -a /etc e && [ "$(ls -lA e)" = "$(ls -lA /etc)" ] && echo copied; rm -rf e; ls',
      'ls /nonexistent 2>/dev/null; echo "ls:$?"; cat /nonexistent 2>/dev/null; echo "cat:$?"',
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin\n${script}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'b',
        'f.txt',
        '3',
        '14',
        'c',
        'h.txt',
        'f.txt',
        'one',
        'f.txt',
        '14 644 regular file root',
        '1577934245',
        '-rw-r--r-- 1 root root 14 2020-01-02 a/f.txt',
        'copied',
        'a',
        'ls:2',
        'cat:1',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });

  it('filters text: sort, uniq, head, tail, tr, cut, od, seq, expr, sha256sum, printf, test', async () => {
    const script = [
      "printf 'b\\na\\nb\\nc\\na\\nb\\n' | sort | uniq -c",
      'seq 10 | head -n 2; seq 10 | tail -n 1; seq -s, 3; seq 100000 | sort -rn | head -n 1',
      'echo hello | tr a-z A-Z; echo a:b:c | cut -d: -f2,3',
      "printf 'AB' | od -An -tx1",
      "printf abc | sha256sum; printf abc | md5sum",
      'expr 6 \\* 7; expr length hello; expr 1 = 2; echo "expr:$?"',
      "/usr/bin/printf '%05d|%-3s|%x\\n' 42 ab 255",
      '/usr/bin/test 3 -gt 2; echo "test:$?"; /usr/bin/[ -f /nonexistent ]; echo "[:$?"',
      "printf 'x 1\\ny 2\\n' > /tmp/j1; printf 'x A\\ny B\\n' > /tmp/j2; join /tmp/j1 /tmp/j2; paste -d, /tmp/j1 /tmp/j2",
      'echo hi | base64; basename /a/b/c.txt .txt; dirname /a/b/c.txt',
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin\n${script}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '      2 a',
        '      3 b',
        '      1 c',
        '1',
        '2',
        '10',
        '1,2,3',
        '100000',
        'HELLO',
        'b:c',
        ' 41 42',
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -',
        '900150983cd24fb0d6963f7d28e17f72  -',
        '42',
        '5',
        '0',
        'expr:1',
        '00042|ab |ff',
        'test:0',
        '[:1',
        'x 1 A',
        'y 2 B',
        'x 1,x A',
        'y 2,y B',
        'aGkK',
        'c',
        '/a/b',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });

  it('runs env, date, id, timeout, sleep, nice and hostname', async () => {
    const script = [
      'env -i A=1 B=2 /usr/bin/env',
      'case $(date +%s) in [1-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]) echo date:ok;; *) echo date:bad;; esac',
      'date -u -d @86400 "+%F %T"',
      'id; whoami; uname -sm',
      'timeout 0.2 sleep 10; echo "timeout:$?"',
      'sleep 0.1 && echo slept',
      'nice; nice -n 5 nice; nice -n 5 sh -c "nice -n -2 nice"',
      'hostname; hostname box.example && hostname && uname -n',
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin\n${script}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      ['A=1', 'B=2', 'date:ok', '1970-01-02 00:00:00', 'uid=0(root) gid=0(root) groups=0(root)', 'root', 'Linux wasm32', 'timeout:124', 'slept', '0', '5', '3', 'kandelo', 'box.example', 'box.example', ''].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});
