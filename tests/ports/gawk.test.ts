// Smoke test of the gawk port in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

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
