import { isatty } from 'node:tty';

/**
 * Whether the kernel's console is a pty: the CLI's stdin and stdout are both terminals (the
 * kernel side, sys-pty, decides the same from the same isatty checks).
 */
export const consoleIsTerminal = (): boolean => isatty(0) && isatty(1);

/**
 * Puts the host terminal into raw mode while the console is a pty, so every keystroke (^C, ^Z,
 * ^\ included) reaches the guest's line discipline. The returned function restores it; it also
 * runs at process exit, so an error or a crash of the guest cannot leave the terminal raw.
 */
export function enterRawMode(): () => void {
  if (!consoleIsTerminal()) return () => {};
  const stdin = process.stdin;
  stdin.setRawMode(true);
  // The kernel worker reads fd 0 itself: this stream must never read (or keep Node alive).
  stdin.pause();
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      stdin.setRawMode(false);
    } catch {
      // the terminal is gone
    }
  };
  process.on('exit', restore);
  return restore;
}
