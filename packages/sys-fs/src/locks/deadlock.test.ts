import { describe, expect, it } from 'vitest';
import { WaitForGraph } from './deadlock.js';

const [A, B, C, D] = [{}, {}, {}, {}];

describe('WaitForGraph', () => {
  it('sees a two-owner cycle', () => {
    const g = new WaitForGraph();
    g.add(A, [B]);
    expect(g.wouldDeadlock(B, [A])).toBe(true);
    expect(g.wouldDeadlock(C, [A])).toBe(false);
  });

  it('follows chains through any of several blockers', () => {
    const g = new WaitForGraph();
    g.add(A, [B, C]);
    g.add(C, [D]);
    expect(g.wouldDeadlock(D, [A])).toBe(true);
    expect(g.wouldDeadlock(B, [D])).toBe(false);
  });

  it('forgets a waiter once its record is removed, keeping other waiters of the owner', () => {
    const g = new WaitForGraph();
    const first = g.add(A, [B]);
    const second = g.add(A, [C]);
    first();
    expect(g.wouldDeadlock(B, [A])).toBe(false);
    expect(g.wouldDeadlock(C, [A])).toBe(true);
    second();
    expect(g.waitingOwners).toBe(0);
  });

  it('terminates on a graph that already has a cycle', () => {
    const g = new WaitForGraph();
    g.add(A, [B]);
    g.add(B, [A]);
    expect(g.wouldDeadlock(C, [A])).toBe(false);
  });
});
