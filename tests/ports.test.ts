// Smoke test of the ports: builds every port through the ports driver (cached by content hash),
// makes a rootfs image holding them, and runs scripts in that image with the staged dash.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM driver shared with scripts/ports.mjs
import { buildPort, buildRootfs } from '../ports/lib/index.mjs';
import { kandelo } from './lib/run.js';

let dash: string;
let image: string;

// A cold build of every port takes 15 to 20 minutes on 2 cores (coreutils alone about 4).
beforeAll(async () => {
  const ports = [];
  for (const name of ['dash', 'sed', 'grep', 'coreutils', 'findutils', 'diffutils', 'gawk', 'm4']) ports.push(await buildPort(name));
  dash = join(ports[0].root, 'bin/dash');
  image = buildRootfs(ports);
}, 3_600_000);

/** Runs `script` with the staged dash in the image. */
const sh = (script: string) => kandelo(['run', '--root', image, dash, '-c', script]);

describe('dash port', () => {
  it('runs a script covering pipelines, substitution, subshells, functions and exec', async () => {
    const script = [
      `echo a b c | /bin/sh -c 'read x y; echo "$y"'`,
      'v=$(echo inner); echo "cs:$v:$(echo nested $(echo deep))"',
      '(exit 3); echo "sub:$?"',
      'for i in 1 2 3; do printf "%s," "$i"; done; echo',
      'f() { echo "fn:$1:$#"; return 4; }; f x y; echo "ret:$?"',
      'echo "math:$(( (6 * 7) % 10 + 1 ))"',
      'echo saved > /tmp/out.txt; echo more >> /tmp/out.txt; while read l; do echo "got:$l"; done < /tmp/out.txt',
      'cd /etc && pwd',
      `exec /bin/sh -c 'echo "exec:$0"; exit 5'`,
      'echo not reached',
    ].join('\n');
    const r = await kandelo(['run', '--root', image, dash, '-c', script]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(['b c', 'cs:inner:nested deep', 'sub:3', '1,2,3,', 'fn:x:2', 'ret:4', 'math:3', 'got:saved', 'got:more', '/etc', 'exec:/bin/sh', ''].join('\n'));
    expect(r.code).toBe(5);
  });

  it('is /bin/sh in the image', async () => {
    const r = await kandelo(['run', '--root', image, dash, '-c', 'test -x /bin/dash && test -L /bin/sh && echo "$(/bin/sh -c "echo \\$((1+1))")"']);
    expect(r.stdout).toBe('2\n');
    expect(r.code).toBe(0);
  });
});

describe('grep port', () => {
  it('matches with line numbers, counts, extended regexps and inverted matches', async () => {
    const script = [
      'printf "a1\\nb2\\nc3\\n" | /bin/grep -n b',
      'printf "a1\\nb2\\nab3\\n" | /bin/grep -c a',
      'printf "cat\\ndog\\ncow\\n" | /bin/grep -E "^(d|co)[a-z]+$"',
      'printf "x\\ny\\n" | /bin/grep -v x',
      'printf "Hello\\n" | /bin/grep -i hello',
      'printf "a\\n" | /bin/grep z; echo "nomatch:$?"',
    ].join('\n');
    const r = await sh(script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(['2:b2', '2', 'dog', 'cow', 'y', 'Hello', 'nomatch:1', ''].join('\n'));
    expect(r.code).toBe(0);
  });
});

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

describe('findutils port', () => {
  it('finds by name and type, runs -exec, and feeds xargs', async () => {
    const script = [
      'find /etc -name passwd',
      'cd /tmp && mkdir -p t/a/b && touch t/a/1.txt t/a/b/2.txt t/3.log',
      "find t -name '*.txt' | sort",
      'find t -type f -exec echo got {} \\; | sort',
      "find t -name '*.txt' -exec ls {} + | sort",
      'find t -type d | sort | xargs echo',
      "find t -name '*.txt' -print0 | xargs -0 -n 1 basename | sort",
      "printf '1 2 3 4 5\\n' | xargs -n 2 echo",
      'seq 5000 | xargs echo | wc -w',
      "find / -maxdepth 1 -name etc -printf '%p %y %m\\n'",
      'find t -name "*.log" -delete; find t | sort',
      'find /nonexistent 2>/dev/null; echo "find:$?"',
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin\n${script}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '/etc/passwd',
        't/a/1.txt',
        't/a/b/2.txt',
        'got t/3.log',
        'got t/a/1.txt',
        'got t/a/b/2.txt',
        't/a/1.txt',
        't/a/b/2.txt',
        't t/a t/a/b',
        '1.txt',
        '2.txt',
        '1 2',
        '3 4',
        '5',
        '5000',
        '/etc d 755',
        't',
        't/a',
        't/a/1.txt',
        't/a/b',
        't/a/b/2.txt',
        'find:1',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});

describe('diffutils port', () => {
  it('diffs files and trees (exit 1 on differences), compares bytes, merges three ways', async () => {
    const script = [
      'cd /tmp && mkdir d && cd d',
      "printf 'a\\nb\\nc\\n' > one; printf 'a\\nB\\nc\\nd\\n' > two; printf 'a\\nb\\nc\\nd\\n' > three",
      'diff -u --label old --label new one two; echo "diff:$?"',
      'diff one two; echo "diff:$?"',
      'diff one one; echo "same:$?"',
      // the POSIX locale's wording ("char"); outside it cmp says "byte"
      'LC_ALL=C cmp one two; echo "cmp:$?"; cmp -s one one; echo "cmp:$?"',
      'diff3 -m two one three; echo "diff3:$?"',
      'sdiff -w 21 one two; echo "sdiff:$?"',
      'mkdir d1 d2 && cp one d1/x && cp two d2/x && cp one d1/y',
      'diff -r d1 d2; echo "diff:$?"',
      'diff one /nonexistent 2>/dev/null; echo "diff:$?"',
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin\n${script}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '--- old',
        '+++ new',
        '@@ -1,3 +1,4 @@',
        ' a',
        '-b',
        '+B',
        ' c',
        '+d',
        'diff:1',
        '2c2',
        '< b',
        '---',
        '> B',
        '3a4',
        '> d',
        'diff:1',
        'same:0',
        'one two differ: char 3, line 2',
        'cmp:1',
        'cmp:0',
        'a',
        'B',
        'c',
        '<<<<<<< one',
        '=======',
        'd',
        '>>>>>>> three',
        'diff3:1',
        'a\t\ta',
        'b\t  |\tB',
        'c\t\tc',
        '\t  >\td',
        'sdiff:1',
        'diff -r d1/x d2/x',
        '2c2',
        '< b',
        '---',
        '> B',
        '3a4',
        '> d',
        'Only in d1: y',
        'diff:1',
        'diff:2',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});

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

describe('gawk port', () => {
  it('runs awk programs: fields, arrays, printf, gensub, pipes, getline, files, system and exit', async () => {
    const script = [
      "printf 'alice 30\\nbob 25\\ncarol 35\\n' > /tmp/people",
      "awk '{ s += $2; if ($2 > m) { m = $2; who = $1 } } END { print s, who, NR }' /tmp/people",
      "echo a,b,c | awk -F, '{ print $2, NF }'",
      'awk \'BEGIN { printf "%5.2f|%s|%d|%c|%x\\n", 3.14159, "x", 42, 65, 255 }\'',
      'awk \'BEGIN { n = split("a:b:c", arr, ":"); print n, arr[3], toupper("hi"), length("hello"), substr("hello", 2, 3) }\'',
      'gawk \'BEGIN { print gensub(/(a)(b)/, "\\\\2\\\\1", "g", "abab") }\'',
      "awk 'BEGIN { print 2^10, 7 % 3, int(-3.7), sqrt(16), exp(0), log(1) }'",
      'awk \'$2 < 32 { print $1 | "sort -r" }\' /tmp/people',
      'awk \'BEGIN { while (("seq 2" | getline l) > 0) print "l:" l }\'',
      'gawk \'BEGIN { PROCINFO["sorted_in"] = "@ind_str_asc"; a["b"]; a["c"]; a["a"]; for (k in a) printf "%s ", k; print "" }\'',
      'gawk \'BEGIN { print strftime("%Y-%m-%d %H:%M:%S", 86400, 1) }\'',
      "echo hello world | awk '{ sub(/world/, \"there\"); print; print match($0, /th+/), RSTART, RLENGTH }'",
      'awk \'BEGIN { print "written" > "/tmp/out.txt"; close("/tmp/out.txt"); while ((getline l < "/tmp/out.txt") > 0) print "read:" l }\'',
      "seq 100000 | awk '{ s += $1 } END { print s }'",
      "printf 'x y z\\n' | awk '{ $2 = \"Y\"; print; print NF }'",
      'awk \'BEGIN { system("echo from-system"); exit 3 }\'; echo "awk:$?"',
      'gawk --version | head -n 1',
    ].join('\n');
    const r = await sh(`export PATH=/usr/bin:/bin\n${script}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '90 carol 3',
        'b 3',
        ' 3.14|x|42|A|ff',
        '3 c HI 5 ell',
        'baba',
        '1024 1 -3 4 1 0',
        'bob',
        'alice',
        'l:1',
        'l:2',
        'a b c ',
        '1970-01-02 00:00:00',
        'hello there',
        '7 7 2',
        'read:written',
        '5000050000',
        'x Y z',
        '3',
        'from-system',
        'awk:3',
        'GNU Awk 5.2.1', // no API version: built without dynamic extensions
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });
});
