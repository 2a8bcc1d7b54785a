// End to end: `kandelo sh` in a real terminal (tmux, a pty on the host), driven by keystrokes,
// checked on the screen. The console is then a pty in the kernel: the line discipline edits and
// echoes, ^C becomes SIGINT for the foreground job, and dash runs with job control.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, kandelo, repoRoot } from '../lib/run.js';
import { image } from './ports.js';

const socket = `kandelo-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'sh');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'sh', ...k);
// /etc/profile's prompt for root (PS1 ends in '#' for uid 0).
const PROMPT = 'kandelo:/root# ';

/** Waits until the screen satisfies `test` (polling; a timeout fails with the screen shown). */
async function waitFor(test: (s: string) => boolean, what: string, ms = 20_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const s = screen();
    if (test(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** The screen's lines, trailing blanks dropped. */
const lines = (s: string) => s.replace(/\s+$/, '').split('\n').map((l) => l.trimEnd());
const promptCount = (s: string) => lines(s).filter((l) => l.startsWith(PROMPT.trimEnd())).length;

/** Types a command, waits for its output and the next prompt; returns the lines in between. */
async function command(text: string): Promise<string[]> {
  const before = promptCount(screen());
  keys('-l', text);
  keys('Enter');
  const s = await waitFor((x) => promptCount(x) > before && lines(x).at(-1) === PROMPT.trimEnd(), `the prompt after ${text}`);
  const ls = lines(s);
  const at = ls.findLastIndex((l) => l === `${PROMPT}${text}`);
  return ls.slice(at + 1, -1);
}

beforeAll(async () => {
  const cmd = `${process.execPath} ${cli} sh --root ${image}; echo "EXITED $?"; sleep 600`;
  tmux('new-session', '-d', '-s', 'sh', '-x', '80', '-y', '24', '-c', repoRoot, cmd);
  await waitFor((s) => promptCount(s) > 0, 'the first prompt'); // tmux trims the prompt's trailing space
});

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
});

describe('kandelo sh on a terminal', () => {
  it('runs a command and shows its output', async () => {
    expect(await command('echo hello-$((6*7))')).toEqual(['hello-42']);
  });

  it('gives the shell a pty as its terminal, with the host window size', async () => {
    expect(await command('tty')).toEqual(['/dev/pts/0']);
    expect(await command('stty size')).toEqual(['24 80']);
    // A host resize reaches the guest terminal (TIOCSWINSZ; SIGWINCH to the foreground group).
    tmux('resize-window', '-t', 'sh', '-x', '100', '-y', '30');
    await waitFor(() => tmux('display-message', '-p', '-t', 'sh', '#{window_width}').trim() === '100', 'the resize');
    // The CLI hears of it asynchronously (SIGWINCH to Node, then a message to the kernel worker).
    let size: string[] = [];
    for (let i = 0; i < 20 && size[0] !== '30 100'; i++) size = await command('stty size');
    expect(size).toEqual(['30 100']);
  });

  it('edits the line with backspace before it is sent', async () => {
    const before = promptCount(screen());
    keys('-l', 'echo abcd');
    keys('BSpace', 'BSpace');
    keys('-l', 'XY');
    keys('Enter');
    const s = await waitFor((x) => promptCount(x) > before && lines(x).at(-1) === PROMPT.trimEnd(), 'the edited command');
    expect(lines(s).slice(-3)).toEqual([`${PROMPT}echo abXY`, 'abXY', PROMPT.trimEnd()]);
  });

  it('interrupts `sleep 30` with ^C and returns to the prompt', async () => {
    const before = promptCount(screen());
    keys('-l', 'sleep 30');
    keys('Enter');
    await waitFor((x) => lines(x).at(-1) === `${PROMPT}sleep 30`, 'sleep to start');
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    keys('C-c');
    await waitFor((x) => promptCount(x) > before, 'the prompt after ^C', 10_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await command('echo status $?')).toEqual(['status 130']);
  });

  it('runs a background job to completion', async () => {
    // Not command(): the job may print before the screen ever shows the bare prompt.
    keys('-l', '(sleep 0.2; echo bg-done) &');
    keys('Enter');
    // Its output lands before or after the prompt that comes back at once.
    await waitFor((x) => lines(x).some((l) => l.endsWith('bg-done') && !l.includes('echo')), 'the background job');
    await command(''); // a fresh prompt line; dash reports the finished job ("[1] + Done") first
    expect(await command('wait; echo waited $?')).toEqual(['waited 0']);
  });

  it('exits with the shell', async () => {
    keys('-l', 'exit 7');
    keys('Enter');
    await waitFor((x) => x.includes('EXITED 7'), 'the CLI to exit');
  });
});

describe('kandelo sh -c', () => {
  it('runs one command with plain stdio and exits with its status', async () => {
    const r = await kandelo(['sh', '--root', image, '-c', 'echo "$0:$1"; ls /bin/ls; exit 4', 'zero', 'one']);
    expect(r.stdout).toBe('zero:one\n/bin/ls\n');
    expect(r.code).toBe(4);
  });

  it('says how to get a root filesystem when there is none', async () => {
    const r = await kandelo(['sh', '--root', '/nonexistent.img', '-c', 'true']);
    expect(r.stderr).toBe('kandelo: /nonexistent.img: No such file or directory\n');
    expect(r.code).toBe(2);
  });
});
