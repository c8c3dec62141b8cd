import { defineConfig } from 'vitest/config';

// Workspace packages are imported from their TypeScript sources (the "@allure/source" export condition).
const conditions = ['@allure/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  // Global setup files run in Vitest's own environment.
  environments: { __vitest__: { resolve: { conditions } } },
  test: {
    // Node, not a DOM: the data layer's specs run RxDB on fake-indexeddb, the main process's on Node.
    environment: 'node',
    include: ['electron/**/*.spec.ts', 'src/**/*.spec.ts'],
  },
});
