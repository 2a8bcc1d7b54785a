// Smoke test of the findutils port in the image of every port (see global-setup.ts).
import { describe, expect, it } from 'vitest';
import { sh } from './ports.js';

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
