// JSON Schema of every client event, generated from the `openai` package's published types (`RealtimeClientEvent`).
// Cached in .cache/ by package and generator version: the browser suites of one run share one generation.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const require = createRequire(import.meta.url);
// `openai` exports no package.json: its folder is found from its entry.
const openai = dirname(require.resolve('openai'));
const versionOf = (folder) => JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).version;

/** The schema (`definitions.RealtimeClientEvent` is the union), generated on first use of this `openai` version. */
export function clientEventSchema() {
  const generator = versionOf(dirname(dirname(require.resolve('ts-json-schema-generator'))));
  const file = resolve(`.cache/openai-client-events-${versionOf(openai)}-gen${generator}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const schema = createGenerator({
    path: join(openai, 'resources/realtime/realtime.d.ts'),
    type: 'RealtimeClientEvent',
    // Closed objects: the service refuses a field it does not know (the whole session.update fails).
    additionalProperties: false,
    skipTypeCheck: true,
    jsDoc: 'none',
  }).createSchema('RealtimeClientEvent');
  mkdirSync(dirname(file), { recursive: true });
  // Written whole, then renamed: a suite starting meanwhile never reads half a file.
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(schema));
  renameSync(`${file}.${process.pid}`, file);
  return schema;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`${Object.keys(clientEventSchema().definitions).length} definitions`);
}
