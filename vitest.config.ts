import { defineConfig } from 'vitest/config';

// Unit and integration tests live beside the code as *.test.ts; lab tests start real peers and need root.
export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'e2e/lab/**/*.test.ts', 'e2e/windows-sim/**/*.test.ts', 'e2e/support/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Fails the run when a lab peer or app process outlives the suite.
    globalSetup: ['e2e/support/vitest-global.ts'],
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
