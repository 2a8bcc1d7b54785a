import { describe, expect, it } from 'vitest';
import { mapAnonymous } from '../process/provide-range.js';
import { fakeHostContainer } from '../testing/fake-host.js';
import { testThread } from '../testing/test-thread.js';
import { createKernel } from './create-kernel.js';

describe('Kernel threads', () => {
  it('a thread exit releases its worker, its id and the channel page mapped for it', () => {
    const { c, runner } = fakeHostContainer();
    const kernel = createKernel({ container: c, subsystems: [] });
    const main = testThread({ pages: 8 });
    const p = main.process;
    p.mm.mmapBase = 0x40000;
    kernel.processes.allocId(); // the test process's own id space entry
    const tid = kernel.processes.allocId();
    const channel = mapAnonymous(p, 256, '[channel]');
    const th = kernel.startThread(p, tid, channel, { kind: 'thread', tp: 0, stack: 0x1000 });
    expect(p.mm.find(channel)?.name).toBe('[channel]');
    kernel.exitThread(th, 0);
    expect(p.threads.has(tid)).toBe(false);
    expect(p.mm.find(channel)).toBeUndefined();
    expect(runner.stopped).toContainEqual([p.pid, tid, true]);
    expect(p.zombie).toBe(false); // the main thread lives on
  });

  it('the last thread exit ends the process', () => {
    const { c } = fakeHostContainer();
    const kernel = createKernel({ container: c, subsystems: [] });
    const main = testThread();
    kernel.exitThread(main, 3);
    expect(main.process.status).toBe(3 << 8);
  });
});
