import type { HostClock, HostRandom } from '@kandelo/kernel-core';
import { randomFillSync } from 'node:crypto';

const origin = process.hrtime.bigint();

export class NodeClock implements HostClock {
  realtimeNs(): bigint {
    // Date.now has ms resolution; add the sub-ms part of the monotonic clock for ordering.
    const mono = process.hrtime.bigint();
    return BigInt(Date.now()) * 1_000_000n + (mono % 1_000_000n);
  }
  monotonicNs(): bigint {
    return process.hrtime.bigint() - origin + 1_000_000_000n;
  }
}

export class NodeRandom implements HostRandom {
  fill(out: Uint8Array): void {
    randomFillSync(out);
  }
}
