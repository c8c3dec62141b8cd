import { defineConfig } from 'vitest/config';

// Workspace packages are imported from their TypeScript sources (the "@allure/source" export condition).
const conditions = ['@allure/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  // Global setup files run in Vitest's own environment.
  environments: { __vitest__: { resolve: { conditions } } },
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['support/chromium-check.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each file starts whole processes; one at a time on a 2-core machine.
    fileParallelism: false,
  },
});
