import { createRequire } from 'node:module';

const { version: packageVersion } = createRequire(import.meta.url)('../package.json') as { version: string };

export const version = packageVersion;
