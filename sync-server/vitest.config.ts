import { defineConfig } from 'vitest/config';

// Workspace packages are imported from their TypeScript sources (the "@allure/source" export condition).
const conditions = ['@allure/source', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  // Global setup files run in Vitest's own environment.
  environments: { __vitest__: { resolve: { conditions } } },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.spec.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // One database per run, shared by the files; run them one at a time on our 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
