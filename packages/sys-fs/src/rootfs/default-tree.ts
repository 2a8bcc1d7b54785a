import type { ImageTree, ImageTreeNode } from '../imagefs/image-tree.js';

const dir = (entries: Record<string, ImageTreeNode> = {}, mode = 0o755): ImageTreeNode => ({ kind: 'dir', mode, entries });
const file = (data: string, mode = 0o644): ImageTreeNode => ({ kind: 'file', mode, data });

const PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
user:x:1000:1000:Kandelo user:/home/user:/bin/sh
`;
const GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
tty:x:5:
wheel:x:10:root
users:x:100:
nogroup:x:65534:
user:x:1000:
`;
const PROFILE = `# /etc/profile: read by login shells.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=\${HOME:-/root}
export TERM=\${TERM:-xterm-256color}
export PAGER=\${PAGER:-cat}
umask 022
if [ "$(id -u 2>/dev/null)" = 0 ]; then PS1='# '; else PS1='$ '; fi
PS1="\\$(hostname 2>/dev/null || echo kandelo):\\$PWD$PS1"
`;

/**
 * The default root filesystem: the FHS layout and the /etc files programs look for. Ports add
 * their programs on top (issue: userland); `kandelo run --root IMAGE` replaces it altogether.
 */
export function defaultRootTree(extra: Record<string, ImageTreeNode> = {}): ImageTree {
  const tree: Record<string, ImageTreeNode> = {
    bin: dir(), sbin: dir(), lib: dir(), dev: dir(), proc: dir(), sys: dir(), run: dir(), mnt: dir(), opt: dir(),
    srv: dir(), media: dir(),
    boot: dir(),
    home: dir({ user: { kind: 'dir', mode: 0o755, uid: 1000, gid: 1000, entries: {} } }),
    root: dir({ '.profile': file('[ -f /etc/profile ] && . /etc/profile\n') }, 0o700),
    tmp: dir({}, 0o1777),
    usr: dir({
      bin: dir(), sbin: dir(), lib: dir(), include: dir(), libexec: dir(),
      share: dir({ misc: dir(), man: dir() }),
      local: dir({ bin: dir(), sbin: dir(), lib: dir(), include: dir(), share: dir() }),
    }),
    var: dir({
      tmp: dir({}, 0o1777), log: dir(), cache: dir(), lib: dir(), spool: dir(), mail: dir(),
      run: { kind: 'symlink', target: '/run' },
    }),
    etc: dir({
      passwd: file(PASSWD), group: file(GROUP),
      shadow: file('root:*:19000:0:99999:7:::\n', 0o640),
      hostname: file('kandelo\n'),
      hosts: file('127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\tkandelo\n'),
      'resolv.conf': file('nameserver 127.0.0.1\n'),
      'nsswitch.conf': file('passwd: files\ngroup: files\nhosts: files dns\n'),
      services: file('echo\t\t7/tcp\nftp\t\t21/tcp\nssh\t\t22/tcp\nsmtp\t\t25/tcp\ndomain\t\t53/udp\nhttp\t\t80/tcp\nhttps\t\t443/tcp\n'),
      protocols: file('ip\t0\tIP\nicmp\t1\tICMP\ntcp\t6\tTCP\nudp\t17\tUDP\n'),
      shells: file('/bin/sh\n'),
      profile: file(PROFILE),
      'os-release': file('NAME="Kandelo"\nID=kandelo\nPRETTY_NAME="Kandelo (WebAssembly POSIX)"\nVERSION_ID=0.1\n'),
      issue: file('Kandelo \\n \\l\n'),
      motd: file(''),
      'mtab': { kind: 'symlink', target: '/proc/self/mounts' },
    }),
    ...extra,
  };
  return { kind: 'dir', mode: 0o755, entries: tree };
}
