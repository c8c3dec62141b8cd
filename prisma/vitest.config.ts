import { defineConfig } from 'vitest/config';

// Workspace packages are imported from their TypeScript sources (the "@allure/source" export condition).
const conditions = ['@allure/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.spec.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file creates and drops its own database, so files may run side by side.
        },
      },
    ],
  },
});
