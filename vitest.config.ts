import { defineConfig } from 'vitest/config';

// API tests run on a fresh embedded database per file; with TEST_DATABASE_URL set (CI), the same API
// suite runs a second time against PostgreSQL, each file in a fresh database.
const apiTests = ['src/**/*.test.ts'];
const notOnPostgres = ['src/**/*.unit.test.ts', 'src/**/*.process.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true as const,
        test: { name: 'pglite', include: apiTests, env: { KABINET_TEST_DB: 'pglite' } },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: apiTests,
                exclude: notOnPostgres,
                env: { KABINET_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
