import { describe, expect, it } from 'vitest';
import { commOf, Errno, PR, type Thread } from '@kandelo/kernel-core';
import { testThread } from '@kandelo/kernel-core/testing';
import { prctlSyscalls } from './prctl.js';

const prctl = prctlSyscalls()[0]!.handler!;

function call(t: Thread, option: number, arg2 = 0): number {
  try {
    return prctl(t, option, arg2, 0, 0, 0, 0);
  } catch (err) {
    if (err instanceof Errno) return -err.code;
    throw err;
  }
}

describe('prctl', () => {
  it('keeps the dumpable flag: 1 at first, cleared and reported', () => {
    const t = testThread();
    expect(call(t, PR.GET_DUMPABLE)).toBe(1);
    expect(call(t, PR.SET_DUMPABLE, 0)).toBe(0);
    expect(call(t, PR.GET_DUMPABLE)).toBe(0);
  });

  it('answers EINVAL for a bad dumpable value and for options it does not know', () => {
    const t = testThread();
    expect(call(t, PR.SET_DUMPABLE, 2)).toBe(-22);
    expect(call(t, PR.GET_DUMPABLE)).toBe(1);
    expect(call(t, 0x59616d61 /* PR_SET_PTRACER */, 1)).toBe(-22);
  });
});

describe('prctl names and PR_SET_MM', () => {
  it('sets the thread name, cut at 15 bytes, and reads it back NUL-terminated', () => {
    const t = testThread();
    const m = t.process.memory;
    m.bytes(4096, 20).set(new TextEncoder().encode('a-very-long-thread-name\0'.slice(0, 20)));
    expect(call(t, PR.SET_NAME, 4096)).toBe(0);
    expect(call(t, PR.GET_NAME, 8192)).toBe(0);
    expect(new TextDecoder().decode(m.bytes(8192, 16))).toBe('a-very-long-thr\0');
    // The same name /proc/<pid>/comm shows (for the main thread).
    expect(commOf(t.process, t)).toBe('a-very-long-thr');
  });

  it('lets root set the argument area (nothing changes) and refuses others', () => {
    const t = testThread();
    expect(call(t, PR.SET_MM, 8 /* PR_SET_MM_ARG_START */)).toBe(0);
    expect(call(t, PR.SET_MM, 1 /* PR_SET_MM_START_CODE */)).toBe(-22);
    t.process.creds = { ...t.process.creds, euid: 1000 };
    expect(call(t, PR.SET_MM, 8)).toBe(-1);
  });
});
