import { defineConfig } from 'vitest/config';

// Workspace packages are imported from their TypeScript sources (the "@allure/source" export condition).
const conditions = ['@allure/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { environment: 'node', include: ['src/**/*.spec.ts', 'server/**/*.spec.ts'] },
});
