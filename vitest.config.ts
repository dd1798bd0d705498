import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // Browser tests decode QR codes from a fake camera; on 2 busy cores that can take a while.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
