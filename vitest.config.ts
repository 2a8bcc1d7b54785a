import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
// Tests run against sources: @kandelo/<pkg> resolves to packages/<pkg>/src.
const alias = readdirSync(`${root}packages`).flatMap((pkg) => [
  { find: new RegExp(`^@kandelo/${pkg}$`), replacement: `${root}packages/${pkg}/src/index.ts` },
]);
alias.push({ find: /^@kandelo\/kernel-core\/abi$/, replacement: `${root}packages/kernel-core/src/abi/index.ts` });
alias.push({ find: /^@kandelo\/kernel-core\/testing$/, replacement: `${root}packages/kernel-core/src/testing/index.ts` });
alias.push({ find: /^@kandelo\/kernel-core\/doorbell$/, replacement: `${root}packages/kernel-core/src/kernel/doorbell.ts` });

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          setupFiles: ['reflect-metadata'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          // Programs built from Debian sources (ports/), in the image holding them all.
          name: 'ports',
          include: ['tests/ports/*.test.ts'],
          globalSetup: ['tests/ports/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
