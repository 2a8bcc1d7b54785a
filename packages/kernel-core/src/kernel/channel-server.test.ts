import { describe, expect, it } from 'vitest';
import { CHANNEL, CHANNEL_STATE } from '../abi/channel-layout.js';
import { NO_REPLY, PARK } from '../router/sentinels.js';
import { testThread } from '../testing/test-thread.js';
import { WaitQueue } from '../wait/wait-queue.js';
import { ChannelServer } from './channel-server.js';
import { createDoorbell, DOORBELL, ringDoorbell } from './doorbell.js';

const CH = 1024;

function post(i32: Int32Array, nr: number, args: number[]): void {
  const b = CH >> 2;
  i32[b + 1] = nr;
  args.forEach((a, i) => {
    i32[b + 2 + i * 2] = a;
    i32[b + 3 + i * 2] = a < 0 ? -1 : 0;
  });
  Atomics.store(i32, b, CHANNEL_STATE.PENDING);
}

const result = (i32: Int32Array): bigint => new BigInt64Array(i32.buffer, CH + CHANNEL.RESULT, 1)[0]!;
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('ChannelServer', () => {
  it('decodes the six argument slots and encodes results as i64', async () => {
    const seen: number[][] = [];
    const server = new ChannelServer((_t, nr, ...args) => {
      seen.push([nr, ...args]);
      return nr === 1 ? -2 : 0xfff0_0000;
    }, createDoorbell());
    const t = testThread({ channel: CH });
    server.add(t);
    const i32 = t.process.memory.i32;
    post(i32, 1, [10, -3, 0x7fffffff, 4, 5, 6]);
    ringDoorbell(server.doorbell);
    await settle();
    expect(seen[0]).toEqual([1, 10, -3, 0x7fffffff, 4, 5, 6]);
    expect(Atomics.load(i32, CH >> 2)).toBe(CHANNEL_STATE.COMPLETE);
    expect(result(i32)).toBe(-2n);
    post(i32, 2, []);
    ringDoorbell(server.doorbell);
    await settle();
    expect(result(i32)).toBe(0xfff0_0000n); // an address above 2 GiB stays positive
  });

  it('leaves a parked call pending and re-runs it when woken; NO_REPLY never completes', async () => {
    const q = new WaitQueue();
    let ready = false;
    let runs = 0;
    const server = new ChannelServer((t, nr) => {
      runs++;
      if (nr === 60) return NO_REPLY;
      return ready ? 7 : t.park(q);
    }, createDoorbell());
    const t = testThread({ channel: CH, scheduler: { runAgain: (x) => server.runAgain(x) } });
    server.add(t);
    const i32 = t.process.memory.i32;
    post(i32, 3, []);
    await settle();
    expect(Atomics.load(i32, CH >> 2)).toBe(CHANNEL_STATE.PENDING);
    expect(runs).toBe(1);
    ready = true;
    q.wakeAll();
    await settle();
    expect(runs).toBe(2);
    expect(result(i32)).toBe(7n);
    post(i32, 60, []);
    ringDoorbell(server.doorbell);
    await settle();
    expect(Atomics.load(i32, CH >> 2)).toBe(CHANNEL_STATE.PENDING);
  });

  it('sleeps on the doorbell when idle and wakes when a process rings', async () => {
    const bell = createDoorbell();
    const server = new ChannelServer(() => 5, bell);
    const t = testThread({ channel: CH });
    server.add(t);
    await settle();
    expect(Atomics.load(bell, DOORBELL.SLEEPING)).toBe(1);
    const i32 = t.process.memory.i32;
    post(i32, 1, []);
    ringDoorbell(bell);
    await settle();
    expect(result(i32)).toBe(5n);
  });

  it('notifies a thread that went to sleep on its channel', async () => {
    const server = new ChannelServer(() => 9, createDoorbell());
    const t = testThread({ channel: CH });
    const i32 = t.process.memory.i32;
    post(i32, 1, []);
    Atomics.store(i32, (CH + CHANNEL.WAITING) >> 2, 1);
    // A waiter on another agent is not possible here; the wake count tells whether notify ran.
    const waiting = Atomics.waitAsync(i32, CH >> 2, CHANNEL_STATE.PENDING);
    server.add(t);
    expect(waiting.async).toBe(true);
    expect(await (waiting.value as Promise<string>)).toBe('ok');
  });
});

describe('ChannelServer run queue', () => {
  it('never runs a woken call again once the channel scan has completed it', async () => {
    // Thread B is woken by A's call; the scan may reach B in the same pass as A. B's call must
    // run exactly once for its one PENDING state.
    const q = new WaitQueue();
    const runs: string[] = [];
    let bReady = false;
    const server = new ChannelServer((t, nr) => {
      runs.push(`${t.tid}:${nr}`);
      if (nr === 1) return bReady ? 11 : t.park(q); // B waits
      bReady = true; // A wakes B
      q.wakeAll();
      return 22;
    }, createDoorbell());
    const sched = { runAgain: (x: import('../process/thread.js').Thread) => server.runAgain(x) };
    const b = testThread({ channel: CH, scheduler: sched });
    const a = testThread({ channel: CH + 512, scheduler: sched });
    Object.defineProperty(a, 'tid', { value: 7 });
    // share one memory, as threads of one process do
    (a as { process: unknown }).process = b.process;
    server.add(a); // A before B in the scan order: B's wake and B's scan land in one pass
    server.add(b);
    const i32 = b.process.memory.i32;
    post(i32, 1, []);
    ringDoorbell(server.doorbell);
    await settle();
    const ab = (CH + 512) >> 2;
    i32[ab + 1] = 2;
    Atomics.store(i32, ab, CHANNEL_STATE.PENDING);
    ringDoorbell(server.doorbell);
    await settle();
    expect(runs.filter((r) => r === '42:1')).toHaveLength(2); // parked once, completed once
    expect(result(i32)).toBe(11n);
  });
});
