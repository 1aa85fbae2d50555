// Test tiers: unit (no database), db (real PostGIS; the same suites again on embedded PGlite), e2e (real Chromium).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['*/test/**/*.spec.ts', '*/src/**/*.spec.ts', 'scripts/test/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['*/test/**/*.db.test.ts', '*/test/**/*.int.test.ts'],
          globalSetup: ['sql/src/testing/global-setup.ts'],
          env: { IOC_TEST_DB_MODE: 'pg' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The database suites again, against embedded PGlite: one code path, two engines.
        test: {
          name: 'embedded',
          include: ['*/test/**/*.db.test.ts'],
          env: { IOC_TEST_DB_MODE: 'pglite' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
