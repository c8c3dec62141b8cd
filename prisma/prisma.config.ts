import { defineConfig } from 'prisma/config';

// The CLI is used here only for `prisma generate`. Migrations are committed SQL applied by
// src/migrate.ts (the native schema engine cannot be downloaded on our machines); the folder keeps
// Prisma's layout so `prisma migrate deploy` stays valid where the engine exists.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/allure' },
});
