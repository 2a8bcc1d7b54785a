import { describe, expect, it } from 'vitest';
import {
  CHANNEL, Errno, handlerStack, onAltStack, SA, SS, STACK_T, type Thread,
} from '@kandelo/kernel-core';
import { testThread } from '@kandelo/kernel-core/testing';
import { sigaltstackSyscalls } from './sigaltstack.js';

const sigaltstack = sigaltstackSyscalls()[0]!.handler!;
const SSP = 4096; // new stack_t
const OLD = 4112; // old stack_t
const ALT = 0x10000; // the alternate stack's base
const SIZE = 0x8000;

function call(t: Thread, ss: number, old: number): number {
  try {
    return sigaltstack(t, ss, old, 0, 0, 0, 0);
  } catch (err) {
    if (err instanceof Errno) return -err.code;
    throw err;
  }
}

/** Writes a stack_t at SSP and calls sigaltstack(SSP, OLD). */
function set(t: Thread, sp: number, size: number, flags = 0): number {
  const m = t.process.memory;
  m.setU32(SSP + STACK_T.ss_sp, sp);
  m.setI32(SSP + STACK_T.ss_flags, flags);
  m.setU32(SSP + STACK_T.ss_size, size);
  return call(t, SSP, OLD);
}

const old = (t: Thread) => {
  const m = t.process.memory;
  return { sp: m.u32(OLD + STACK_T.ss_sp), flags: m.i32at(OLD + STACK_T.ss_flags), size: m.u32(OLD + STACK_T.ss_size) };
};
/** The stack pointer the glue reports with the current call. */
const callSp = (t: Thread, sp: number) => t.process.memory.setU32(t.channel + CHANNEL.CALL_SP, sp);

describe('sigaltstack', () => {
  it('starts disabled; set, then reported; the old value is the one before the call', () => {
    const t = testThread({ pages: 4 });
    callSp(t, 0x8000);
    expect(set(t, ALT, SIZE)).toBe(0);
    expect(old(t)).toEqual({ sp: 0, flags: SS.DISABLE, size: 0 });
    expect(call(t, 0, OLD)).toBe(0);
    expect(old(t)).toEqual({ sp: ALT, flags: 0, size: SIZE });
    expect(t.altStack).toEqual({ sp: ALT, size: SIZE });
  });

  it('SS_ONSTACK and EPERM while the reported stack pointer lies inside it (Linux: (sp, sp+size])', () => {
    const t = testThread({ pages: 4 });
    set(t, ALT, SIZE);
    for (const [sp, on] of [[ALT, false], [ALT + 1, true], [ALT + SIZE, true], [ALT + SIZE + 1, false]] as const) {
      callSp(t, sp);
      expect(onAltStack(t)).toBe(on);
    }
    callSp(t, ALT + 100);
    expect(call(t, 0, OLD)).toBe(0);
    expect(old(t).flags).toBe(SS.ONSTACK);
    expect(set(t, 0, 0, SS.DISABLE)).toBe(-1); // EPERM, even to disable it
    expect(t.altStack).toEqual({ sp: ALT, size: SIZE });
  });

  it('ENOMEM below MINSIGSTKSZ, EINVAL for unknown flags (SS_AUTODISARM too); nothing changes', () => {
    const t = testThread({ pages: 4 });
    set(t, ALT, SIZE);
    expect(set(t, ALT, 2047)).toBe(-12);
    expect(set(t, ALT, SIZE, 4)).toBe(-22);
    expect(set(t, ALT, SIZE, 1 << 31)).toBe(-22);
    expect(set(t, ALT, 2048, SS.ONSTACK)).toBe(0); // Linux takes SS_ONSTACK as "enable"
    expect(t.altStack).toEqual({ sp: ALT, size: 2048 });
  });

  it('SS_DISABLE clears it (the size does not matter)', () => {
    const t = testThread({ pages: 4 });
    set(t, ALT, SIZE);
    expect(set(t, 123, 1, SS.DISABLE)).toBe(0);
    expect(t.altStack).toBeUndefined();
    call(t, 0, OLD);
    expect(old(t)).toEqual({ sp: 0, flags: SS.DISABLE, size: 0 });
  });
});

describe('handler stacks', () => {
  it('SA_ONSTACK with a stack not in use: its 16-aligned top; else 0 (run in place)', () => {
    const t = testThread({ pages: 4 });
    callSp(t, 0x8000);
    expect(handlerStack(t, SA.ONSTACK)).toBe(0); // no stack
    set(t, ALT + 3, SIZE + 7);
    expect(handlerStack(t, SA.ONSTACK | SA.SIGINFO)).toBe(ALT + SIZE);
    expect(handlerStack(t, SA.SIGINFO)).toBe(0);
    callSp(t, ALT + 64); // a handler running on it already: a nested one stays where it is
    expect(handlerStack(t, SA.ONSTACK)).toBe(0);
  });
});
