import { describe, expect, it } from 'vitest';
import { CHANNEL } from '../abi/channel-layout.js';
import { SA, SIGNALS } from '../abi/constants.js';
import { testThread } from '../testing/test-thread.js';
import { signalOutcome } from './signal-actions.js';
import { attachDelivery } from './signal-delivery.js';

const { SIGUSR1, SIGCHLD, SIGURG } = SIGNALS;
const bit = (sig: number): bigint => 1n << BigInt(sig - 1);

describe('handler delivery', () => {
  it('tells the glue the alternate stack top for SA_ONSTACK, 0 otherwise', () => {
    const t = testThread({ pages: 4 });
    const p = t.process;
    const m = p.memory;
    t.altStack = { sp: 0x10000, size: 0x4000 };
    m.setU32(t.channel + CHANNEL.CALL_SP, 0x9000);
    p.signals.actions[SIGUSR1] = { handler: 5, flags: SA.ONSTACK, mask: 0n, restorer: 0 };
    signalOutcome(p, SIGUSR1);
    attachDelivery(t);
    expect(m.i32at(t.channel + CHANNEL.SIGNAL)).toBe(SIGUSR1);
    expect(m.u32(t.channel + CHANNEL.SIG_STACK)).toBe(0x14000);
    // the handler's own call (on the alternate stack) gets a nested signal: it stays there
    t.sigmask = 0n;
    m.setU32(t.channel + CHANNEL.CALL_SP, 0x13000);
    signalOutcome(p, SIGUSR1);
    attachDelivery(t);
    expect(m.u32(t.channel + CHANNEL.SIG_STACK)).toBe(0);
    // without SA_ONSTACK
    t.sigmask = 0n;
    m.setU32(t.channel + CHANNEL.CALL_SP, 0x9000);
    p.signals.actions[SIGUSR1]!.flags = 0;
    signalOutcome(p, SIGUSR1);
    attachDelivery(t);
    expect(m.u32(t.channel + CHANNEL.SIG_STACK)).toBe(0);
  });
});

describe('signal outcomes', () => {
  it('a blocked signal whose action ignores it stays pending (Linux: blocked signals are never ignored)', () => {
    const t = testThread();
    const p = t.process;
    expect(signalOutcome(p, SIGCHLD)).toEqual({ kind: 'none' });
    t.sigmask = bit(SIGCHLD) | bit(SIGURG);
    expect(signalOutcome(p, SIGCHLD)).toEqual({ kind: 'pending' });
    p.signals.actions[SIGURG]!.handler = 1; // SIG_IGN
    expect(signalOutcome(p, SIGURG)).toEqual({ kind: 'pending' });
    expect(p.signals.pending).toBe(bit(SIGCHLD) | bit(SIGURG));
  });
});

describe('the channel layout', () => {
  it('fields do not overlap', () => {
    const size: Record<string, number> = { ARGS: 48, RESULT: 8, SIG_OLDMASK: 8, SIGINFO: 128 };
    const fields = Object.entries(CHANNEL).filter(([k]) => k !== 'SIZE' && k !== 'ALIGN').sort((a, b) => a[1] - b[1]);
    for (let i = 1; i < fields.length; i++) {
      const [prev, at] = fields[i - 1]!;
      expect(at + (size[prev] ?? 4), `${prev} runs into ${fields[i]![0]}`).toBeLessThanOrEqual(fields[i]![1]);
    }
    const [last, at] = fields[fields.length - 1]!;
    expect(at + (size[last] ?? 4)).toBeLessThanOrEqual(CHANNEL.SIZE);
  });
});
