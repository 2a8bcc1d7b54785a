import { describe, expect, it } from 'vitest';
import { CHANNEL } from '../abi/channel-layout.js';
import { SIGNALS } from '../abi/constants.js';
import { fakeHostContainer } from '../testing/fake-host.js';
import { testThread } from '../testing/test-thread.js';
import { Thread } from '../process/thread.js';
import { createKernel } from './create-kernel.js';

const { SIGUSR1, SIGSTOP, SIGCONT } = SIGNALS;

const WORD = 512;

/**
 * A kernel and a one-thread process whose thread is running (not in a call). attention() is the
 * thread's request and the process's word, which must agree.
 */
function setup() {
  const { c } = fakeHostContainer();
  const kernel = createKernel({ container: c, subsystems: [] });
  const t = testThread({ pages: 4 });
  t.process.attention = WORD;
  const attention = () => {
    const mine = t.process.memory.i32at(t.channel + CHANNEL.ATTENTION);
    expect(t.process.memory.i32at(WORD)).toBe(mine);
    return mine;
  };
  return { kernel, t, p: t.process, attention };
}

describe('the ATTENTION word (loops without syscalls)', () => {
  it('is set for a caught signal the running thread takes, and cleared by the completion that delivers it', () => {
    const { kernel, t, p, attention } = setup();
    p.signals.actions[SIGUSR1] = { handler: 5, flags: 0, mask: 0n, restorer: 0 };
    kernel.signal(p, SIGUSR1);
    expect(attention()).toBe(1);
    kernel.server.complete(t, 0); // the kandelo_poll the loop makes
    expect(attention()).toBe(0);
    expect(p.memory.i32at(t.channel + CHANNEL.SIGNAL)).toBe(SIGUSR1);
  });

  it('is not set for a blocked signal, nor for a thread parked in a call (interrupted instead)', () => {
    const { kernel, t, p, attention } = setup();
    p.signals.actions[SIGUSR1] = { handler: 5, flags: 0, mask: 0n, restorer: 0 };
    t.sigmask = 1n << BigInt(SIGUSR1 - 1);
    kernel.signal(p, SIGUSR1);
    expect(attention()).toBe(0);
    t.sigmask = 0n;
    t.park();
    kernel.signal(p, SIGUSR1);
    expect(t.parked).toBe(false);
    expect(attention()).toBe(0);
  });

  it('a call that parks with a caught signal already pending (sent before the call was served) is interrupted', () => {
    const { kernel, t, p } = setup();
    p.signals.actions[SIGUSR1] = { handler: 5, flags: 0, mask: 0n, restorer: 0 };
    kernel.signal(p, SIGUSR1); // the thread is running: only asked to enter the kernel
    t.park(); // its next call (a read with no data, say) parks
    kernel.server.afterPark(t);
    expect(t.parked).toBe(false);
    expect(p.memory.i32at(t.channel + CHANNEL.SIGNAL)).toBe(SIGUSR1); // the handler runs now
  });

  it('a call that parks with only a blocked signal pending stays parked', () => {
    const { kernel, t, p } = setup();
    p.signals.actions[SIGUSR1] = { handler: 5, flags: 0, mask: 0n, restorer: 0 };
    t.sigmask = 1n << BigInt(SIGUSR1 - 1);
    kernel.signal(p, SIGUSR1);
    t.park();
    kernel.server.afterPark(t);
    expect(t.parked).toBe(true);
  });

  it('is set by a stop; the stopped thread\'s poll is answered only after SIGCONT', () => {
    const { kernel, t, p, attention } = setup();
    kernel.signal(p, SIGSTOP);
    expect(p.stopSignal).toBe(SIGSTOP);
    expect(attention()).toBe(1);
    kernel.server.complete(t, 0); // withheld while stopped
    expect(attention()).toBe(1);
    kernel.signal(p, SIGCONT);
    expect(attention()).toBe(0);
  });

  it('stays set for the process while another thread\'s request is pending; a stale word is cleared', () => {
    const { kernel, t, p } = setup();
    const other = new Thread(43, p, 2048, kernel.server);
    p.threads.set(43, other);
    p.signals.actions[SIGUSR1] = { handler: 5, flags: 0, mask: 0n, restorer: 0 };
    kernel.signal(p, SIGUSR1, other);
    kernel.server.complete(t, 0); // a call of the thread the signal is not for
    expect(p.memory.i32at(WORD)).toBe(1);
    kernel.server.complete(other, 0);
    expect(p.memory.i32at(WORD)).toBe(0);
    p.memory.setI32(WORD, 1); // as a fork child's copy can be
    kernel.server.complete(t, 0);
    expect(p.memory.i32at(WORD)).toBe(0);
  });
});
