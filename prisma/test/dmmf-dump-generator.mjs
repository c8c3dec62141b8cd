// A Prisma generator that writes the schema's DMMF (the parsed data model: fields, nullability, native
// types, defaults, relations, indexes) to <output>/dmmf.json. Used by the drift test through
// prisma-dmmf.ts; it speaks the generator protocol directly (JSON-RPC: requests on stdin, replies on
// stderr), so it needs no package.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const reply = (id, result) => process.stderr.write(`${JSON.stringify({ jsonrpc: '2.0', id, result })}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line);
  if (request.method === 'getManifest') {
    reply(request.id, { manifest: { prettyName: 'DMMF dump', requiresEngines: [] } });
  } else if (request.method === 'generate') {
    const output = request.params.generator.output.value;
    writeFileSync(join(output, 'dmmf.json'), JSON.stringify(request.params.dmmf.datamodel));
    reply(request.id, null);
  }
});
