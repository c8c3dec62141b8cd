import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * The client's files compressed once at build (Brotli at its best level, gzip for the rest), so the shop
 * server sends them as they are instead of compressing on every request.
 */
const precompress: Plugin = {
  name: 'allure-precompress',
  apply: 'build',
  async writeBundle(options, bundle) {
    if (!options.dir) return;
    const dir = options.dir;
    const files = Object.keys(bundle).filter((name) => /\.(js|css|html|svg|json)$/.test(name));
    await Promise.all(
      files.map(async (name) => {
        const path = join(dir, name);
        const content = await readFile(path);
        await writeFile(
          `${path}.br`,
          await brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        await writeFile(`${path}.gz`, await gzipped(content, { level: 9 }));
      }),
    );
  },
};

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react(), ...(isSsrBuild ? [] : [precompress])],
  resolve: { conditions: ['@allure/source'] },
  ssr: { resolve: { conditions: ['@allure/source'], externalConditions: ['@allure/source'] } },
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: true,
  },
}));
