import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCHeaders } from './c-headers.js';

const generatedDir = new URL('../../../sdk/port/generated/', import.meta.url);

describe('generated C headers', () => {
  for (const [rel, text] of Object.entries(generateCHeaders())) {
    it(`${rel} is current (else run: npm run gen-headers -w @kandelo/sdk)`, () => {
      expect(readFileSync(new URL(rel, generatedDir), 'utf8')).toBe(text);
    });
  }
  it('emits every syscall number and the channel offsets', () => {
    const h = generateCHeaders();
    expect(h['arch/wasm32/bits/syscall.h.in']).toContain('#define __NR_read 63\n');
    expect(h['arch/wasm32/bits/syscall.h.in']).toContain('#define __NR_clock_gettime64 403\n');
    expect(h['arch/wasm32/bits/syscall.h.in']).not.toContain('__NR_clock_gettime32');
    expect(h['include/kandelo/channel.h']).toContain('#define KANDELO_CH_RESULT 56');
  });
});
