import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DMMF } from '@prisma/client/runtime/client';

const execFileAsync = promisify(execFile);

export const schemaPath = fileURLToPath(new URL('../schema.prisma', import.meta.url));
const generatorPath = fileURLToPath(new URL('./dmmf-dump-generator.mjs', import.meta.url));

/**
 * The schema's full DMMF data model, as Prisma parses it. The generated client only embeds a slimmed
 * runtime model (no nullability, native types or indexes), so this runs `prisma generate` on a copy of
 * schema.prisma whose only generator dumps the DMMF (about a second, offline).
 */
export async function loadDatamodel(): Promise<DMMF.Datamodel> {
  const dir = await mkdtemp(join(tmpdir(), 'allure-dmmf-'));
  try {
    const output = join(dir, 'out');
    await mkdir(output);
    const schema = await readFile(schemaPath, 'utf8');
    const generator = `generator dmmf {\n  provider = ${JSON.stringify(`node ${generatorPath}`)}\n  output   = ${JSON.stringify(output)}\n}`;
    const rewritten = schema.replace(/generator\s+client\s*\{[^}]*\}/, generator);
    if (rewritten === schema) throw new Error('schema.prisma has no `generator client` block to replace');
    await writeFile(join(dir, 'schema.prisma'), rewritten);

    const prismaCli = join(
      dirname(createRequire(import.meta.url).resolve('prisma/package.json')),
      'build/index.js',
    );
    await execFileAsync(process.execPath, [prismaCli, 'generate', '--schema', join(dir, 'schema.prisma')], {
      cwd: dir,
      env: {
        ...process.env,
        // The CLI must not look for (or try to download) the native schema engine: generate never uses it.
        PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
      },
    });
    return JSON.parse(await readFile(join(output, 'dmmf.json'), 'utf8')) as DMMF.Datamodel;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
